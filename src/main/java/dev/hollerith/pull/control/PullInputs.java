package dev.hollerith.pull.control;

import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a batch of leased pulls needs from the database, read with one query per kind instead of
 * several per pull: at thousands of pulls a second the round trips, not the upstreams, were the cost.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class PullInputs {

    @PersistenceContext
    EntityManager em;

    public Map<Long, WidgetIntegration> integrations(Collection<Long> ids) {
        Map<Long, WidgetIntegration> found = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("SELECT i FROM WidgetIntegration i WHERE i.id IN :ids", WidgetIntegration.class).setParameter("ids", ids)
                    .getResultList().forEach(integration -> found.put(integration.id(), integration));
        }
        return found;
    }

    public Map<String, WidgetConfig> configs(Collection<String> ids) {
        Map<String, WidgetConfig> found = new HashMap<>();
        for (List<String> chunk : chunks(List.copyOf(ids))) {
            em.createQuery("SELECT c FROM WidgetConfig c WHERE c.id IN :ids", WidgetConfig.class).setParameter("ids", chunk)
                    .getResultList().forEach(config -> found.put(config.id(), config));
        }
        return found;
    }

    /** What makes the next request conditional: the validators of the last stored answer. */
    public record Validators(String etag, String lastModified) {
        static final Validators NONE = new Validators(null, null);
    }

    /**
     * The validators of the last stored answer per discriminator of one integration, a key lookup
     * each: an IN list over the second column of the (integration, discriminator) key made H2 scan
     * every row of the integration, and loaded the data itself, both seen in thread dumps under load.
     */
    public Map<String, Validators> validators(long integrationId, Collection<String> discriminators) {
        Map<String, Validators> found = new HashMap<>();
        for (String discriminator : discriminators) {
            List<Object[]> rows = em.createQuery("SELECT d.etag, d.lastModified FROM IntegrationData d "
                            + "WHERE d.integrationId = :integration AND d.discriminator = :discriminator AND d.data IS NOT NULL", Object[].class)
                    .setParameter("integration", integrationId).setParameter("discriminator", discriminator).getResultList();
            found.put(discriminator, rows.isEmpty() ? Validators.NONE : new Validators((String) rows.get(0)[0], (String) rows.get(0)[1]));
        }
        return found;
    }

    private static List<List<String>> chunks(List<String> all) {
        int size = 500;
        List<List<String>> chunks = new java.util.ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            chunks.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return chunks;
    }
}

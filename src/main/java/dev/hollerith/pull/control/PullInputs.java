package dev.hollerith.pull.control;

import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.widgetdata.entity.IntegrationData;
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

    /** The last stored answer per discriminator of one integration: its validators make the next request conditional. */
    public Map<String, IntegrationData> lastAnswers(long integrationId, Collection<String> discriminators) {
        Map<String, IntegrationData> found = new HashMap<>();
        for (List<String> chunk : chunks(List.copyOf(discriminators))) {
            em.createQuery("SELECT d FROM IntegrationData d WHERE d.integrationId = :integration AND d.discriminator IN :discriminators",
                            IntegrationData.class)
                    .setParameter("integration", integrationId).setParameter("discriminators", chunk)
                    .getResultList().forEach(row -> found.put(row.discriminator(), row));
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

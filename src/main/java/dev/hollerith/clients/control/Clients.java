package dev.hollerith.clients.control;

import dev.hollerith.clients.entity.Client;
import dev.hollerith.clients.entity.ClientId;
import dev.hollerith.clients.entity.WidgetNotification;
import dev.hollerith.crypto.control.Envelope;
import dev.hollerith.outbound.control.OutboundHttp;
import dev.hollerith.outbound.control.OutboundRefused;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.platform.control.ValidationFailed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Clients of seed 001. Their Home Assistant token is sealed on the way in and opened only to notify the widget. */
@Stateless
public class Clients {

    @PersistenceContext
    EntityManager em;

    @Inject
    Envelope envelope;

    @Inject
    OutboundHttp outbound;

    /** The committed state after a toggle, and what to tell the widget about it. */
    public record Switched(Client client, WidgetNotice notice) {
    }

    public Client create(String name, String haUrl, String haToken) {
        String url = haUrl.trim();
        requireCallable(url);
        Client client = new Client(name.trim(), url);
        if (haToken != null) {
            client.replaceSealedHaToken(seal(client.id(), haToken));
        }
        em.persist(client);
        return client;
    }

    public Optional<Client> find(String id) {
        return ClientId.isWellFormed(id) ? Optional.ofNullable(em.find(Client.class, id)) : Optional.empty();
    }

    /** A malformed id is as unknown as a missing one: 404 either way. */
    public Client get(String id) {
        return find(id).orElseThrow(() -> new UnknownResource("Client not found"));
    }

    public List<Client> page(int offset, int limit) {
        return em.createNamedQuery(Client.ALL, Client.class).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public Client update(String id, ClientChanges changes) {
        Client client = get(id);
        changes.name().map(String::trim).ifPresent(client::rename);
        if (changes.haUrl().isPresent()) {
            String url = changes.haUrl().get().trim();
            requireCallable(url);
            client.moveHomeAssistant(url);
        }
        if (changes.tokenChanged()) {
            client.replaceSealedHaToken(changes.haToken() == null ? null : seal(id, changes.haToken()));
        }
        return client;
    }

    public void delete(String id) {
        Client client = get(id);
        em.createNamedQuery(WidgetNotification.DELETE_OF_CLIENT).setParameter("client", id).executeUpdate();
        em.remove(client);
    }

    /**
     * Sets the flag and returns what the widget must be told. Runs in its own transaction, which
     * commits when this method returns: the widget is called only after that.
     */
    public Switched switchExternalWidget(String id, boolean disabled) {
        Client client = get(id);
        client.switchExternalWidget(disabled);
        String token = client.hasHaToken() ? envelope.open(Envelope.INSTALLATION, Client.tokenContext(id), client.sealedHaToken()) : null;
        return new Switched(client, new WidgetNotice(client.id(), client.name(), disabled, token, Instant.now()));
    }

    private String seal(String clientId, String token) {
        return envelope.seal(Envelope.INSTALLATION, Client.tokenContext(clientId), token);
    }

    /** The SSRF guard's verdict at save time, as a field error (the URL is unusable, not the request malformed). */
    private void requireCallable(String haUrl) {
        try {
            outbound.checkDestination(URI.create(haUrl));
        } catch (OutboundRefused refused) {
            throw ValidationFailed.of("ha_url", refused.getMessage());
        }
    }
}

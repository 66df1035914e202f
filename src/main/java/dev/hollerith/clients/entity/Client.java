package dev.hollerith.clients.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A client of seed 001: a household whose Home Assistant hosts the external widget. The
 * Home Assistant token is held only sealed (envelope encryption); this entity never sees it in
 * plain text.
 */
@Entity
@Table(name = "client")
@NamedQuery(name = Client.ALL, query = "SELECT c FROM Client c ORDER BY c.createdAt, c.id")
public class Client {

    public static final String ALL = "Client.all";

    @Id
    @Column(length = 24)
    private String id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "ha_url", nullable = false, length = 2048)
    private String haUrl;

    /** {@code Envelope.seal(INSTALLATION, tokenContext(id), token)}; null when no token was given. */
    @Column(name = "ha_token", length = 8192)
    private String sealedHaToken;

    @Column(name = "external_widget_disabled", nullable = false)
    private boolean externalWidgetDisabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Client() {
    }

    public Client(String name, String haUrl) {
        this.id = ClientId.generate();
        this.name = name;
        this.haUrl = haUrl;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    /** The envelope context that binds a sealed token to this client, so it cannot be moved to another one. */
    public static String tokenContext(String clientId) {
        return "client:" + clientId + ":ha_token";
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String haUrl() {
        return haUrl;
    }

    public String sealedHaToken() {
        return sealedHaToken;
    }

    public boolean hasHaToken() {
        return sealedHaToken != null;
    }

    public boolean externalWidgetDisabled() {
        return externalWidgetDisabled;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public void rename(String newName) {
        this.name = newName;
        touch();
    }

    public void moveHomeAssistant(String newHaUrl) {
        this.haUrl = newHaUrl;
        touch();
    }

    public void replaceSealedHaToken(String sealed) {
        this.sealedHaToken = sealed;
        touch();
    }

    public void switchExternalWidget(boolean disabled) {
        this.externalWidgetDisabled = disabled;
        touch();
    }

    private void touch() {
        this.updatedAt = Instant.now();
    }
}

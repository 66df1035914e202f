package dev.hollerith.clients.control;

import java.util.Optional;

/**
 * A partial update of a client: absent parts stay as they are. The token has three states:
 * unchanged, replaced, or removed ({@code "ha_token": null}).
 */
public record ClientChanges(Optional<String> name, Optional<String> haUrl, boolean tokenChanged, String haToken) {

    public static ClientChanges none() {
        return new ClientChanges(Optional.empty(), Optional.empty(), false, null);
    }

    @Override
    public String toString() {
        return "ClientChanges[name=" + name + ", haUrl=" + haUrl + ", tokenChanged=" + tokenChanged + "]";
    }
}

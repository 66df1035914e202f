package dev.hollerith.webhooks.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class WebhookShortcutTest {

    @Test
    void takesOnlyThePlainTwoIdPath() {
        assertArrayEquals(new String[] {"12", "c-1"}, WebhookShortcut.ids("/webhooks/widgets/12/c-1", ""));
        assertArrayEquals(new String[] {"12", "c-1"}, WebhookShortcut.ids("/app/webhooks/widgets/12/c-1", "/app"));
        // everything else is JAX-RS's to match, decode or refuse
        assertNull(WebhookShortcut.ids("/webhooks/widgets/12", ""));
        assertNull(WebhookShortcut.ids("/webhooks/widgets/12/", ""));
        assertNull(WebhookShortcut.ids("/webhooks/widgets//c-1", ""));
        assertNull(WebhookShortcut.ids("/webhooks/widgets/12/c-1/", ""));
        assertNull(WebhookShortcut.ids("/webhooks/widgets/12/c-1/x", ""));
        assertNull(WebhookShortcut.ids("/webhooks/widgets/12/c%2D1", ""));
        assertNull(WebhookShortcut.ids("/webhooks/widgets/12;x=1/c-1", ""));
        assertNull(WebhookShortcut.ids("/dashboard/widgets/12/c-1", ""));
    }
}

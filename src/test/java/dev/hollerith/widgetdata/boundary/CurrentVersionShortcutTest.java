package dev.hollerith.widgetdata.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CurrentVersionShortcutTest {

    @Test
    void takesTheIdOfTheDataPathOnly() {
        assertEquals("abc-1", CurrentVersionShortcut.widgetConfigId("/dashboard/widget-configs/abc-1/data", ""));
        assertEquals("abc", CurrentVersionShortcut.widgetConfigId("/app/dashboard/widget-configs/abc/data", "/app"));
        assertNull(CurrentVersionShortcut.widgetConfigId("/dashboard/widget-configs/abc/data/events", ""));
        assertNull(CurrentVersionShortcut.widgetConfigId("/dashboard/widget-configs/abc", ""));
        assertNull(CurrentVersionShortcut.widgetConfigId("/dashboard/widget-configs//data", ""));
        assertNull(CurrentVersionShortcut.widgetConfigId("/dashboard/widget-configs/data", ""));
        assertNull(CurrentVersionShortcut.widgetConfigId("/dashboard/widget-configs/a/b/data", ""));
        // JAX-RS decodes these; the shortcut leaves them to it
        assertNull(CurrentVersionShortcut.widgetConfigId("/dashboard/widget-configs/a%2Db/data", ""));
        assertNull(CurrentVersionShortcut.widgetConfigId("/dashboard/widget-configs/a;x=1/data", ""));
        assertNull(CurrentVersionShortcut.widgetConfigId("/other/widget-configs/abc/data", ""));
    }
}

package dev.hollerith.console.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataGridTest {

    /** Outside Payara there is no {@code payara/Hazelcast}: the console says "standalone" instead of failing. */
    @Test
    void withoutAGridTheInstanceIsStandalone() {
        DataGrid.View view = DataGrid.current("host-1");
        assertEquals("standalone", view.mode());
        assertEquals("host-1", view.instance());
        assertTrue(view.members().isEmpty());
    }
}

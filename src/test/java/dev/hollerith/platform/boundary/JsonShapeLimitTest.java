package dev.hollerith.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.platform.control.InvalidRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonShapeLimitTest {

    private static void check(String json) {
        JsonShapeLimit.check(json.getBytes(StandardCharsets.UTF_8), 32, 100);
    }

    private static InvalidRequest refused(byte[] body) {
        return assertThrows(InvalidRequest.class, () -> JsonShapeLimit.check(body, 32, 100));
    }

    private static InvalidRequest refused(String json) {
        return refused(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsOrdinaryBodiesAndScalars() {
        assertDoesNotThrow(() -> check("{\"name\":\"x\",\"options\":{\"a\":[1,2,{\"b\":null}]},\"n\":-1.5e10}"));
        assertDoesNotThrow(() -> check("null"));
        assertDoesNotThrow(() -> check("\"str\""));
        assertDoesNotThrow(() -> check("  "));
        assertDoesNotThrow(() -> check("[".repeat(32) + "]".repeat(32)));
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        InvalidRequest refused = refused("{\"a\":".repeat(1000) + "1" + "}".repeat(1000));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("nested too deep"));
        refused("[".repeat(33) + "]".repeat(33));
    }

    @Test
    void refusesHugeNumbers() {
        assertTrue(refused("{\"n\":" + "9".repeat(10_000) + "}").getMessage().contains("number is too long"));
    }

    @Test
    void refusesTrailingGarbageAndInvalidUtf8() {
        assertTrue(refused("{\"name\":\"x\"} trailing").getMessage().startsWith("Malformed JSON"));
        refused("{\"name\":\"x\"}{}");
        refused(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'});
        refused("{\"name\":");
        assertTrue(refused("{\"name\":\"a\\u0000b\"}").getMessage().contains("U+0000"));
    }
}

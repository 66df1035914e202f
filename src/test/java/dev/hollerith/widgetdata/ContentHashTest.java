package dev.hollerith.widgetdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.hollerith.widgetdata.control.ContentHash;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    @Test
    void memberOrderDoesNotMakeANewVersion() {
        assertEquals(ContentHash.of(json("{\"a\":1,\"b\":{\"x\":[1,2],\"y\":\"z\"}}")),
                ContentHash.of(json("{\"b\":{\"y\":\"z\",\"x\":[1,2]},\"a\":1}")));
    }

    @Test
    void equalNumbersHashAlike() {
        assertEquals(ContentHash.of(json("{\"t\":72.0}")), ContentHash.of(json("{\"t\":72}")));
    }

    @Test
    void anyChangeOfContentChangesTheHash() {
        assertNotEquals(ContentHash.of(json("{\"t\":72}")), ContentHash.of(json("{\"t\":73}")));
        assertNotEquals(ContentHash.of(json("[1,2]")), ContentHash.of(json("[2,1]")));
        assertNotEquals(ContentHash.of(json("{\"t\":\"1\"}")), ContentHash.of(json("{\"t\":1}")));
    }

    @Test
    void isSha256Hex() {
        assertEquals(64, ContentHash.of(json("{}")).length());
    }

    @Test
    void stringsAreWrittenAsTheJsonProviderWritesThemSoStoredHashesStayValid() throws Exception {
        java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
        jakarta.json.spi.JsonProvider provider = jakarta.json.spi.JsonProvider.provider();
        for (int c = 0; c <= 0xFFFF; c++) {
            String text = "a" + (char) c + "\"\\z";
            String expected = java.util.HexFormat.of().formatHex(sha256.digest(
                    provider.createValue(text).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals(expected, ContentHash.of(provider.createValue(text)), "character " + c);
        }
        String expected = java.util.HexFormat.of().formatHex(sha256.digest(
                "{\"k\\n\\u0001\":\"v\\t\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(expected, ContentHash.of(json("{\"k\\n\\u0001\":\"v\\t\"}")));
    }
}

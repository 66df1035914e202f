package dev.hollerith.widgetdata.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hollerith.widgetdata.entity.DataSource;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

class PublicationTest {

    @Test
    void namesEveryPartAndKeepsThemThroughWithValidators() {
        JsonValue data = Json.createObjectBuilder().add("t", 1).build();
        Publication pulled = Publication.of(new DataKey(7, "org-1"), "org-1", data, DataSource.PULL).withValidators("\"e1\"", "Tue, 01 Dec 2026 08:00:00 GMT");
        assertEquals(new DataKey(7, "org-1"), pulled.key());
        assertEquals("org-1", pulled.organizationId());
        assertEquals(data.toString(), pulled.json());
        assertEquals(ContentHash.of(data), pulled.contentHash());
        assertEquals(DataSource.PULL, pulled.source());
        assertEquals("\"e1\"", pulled.etag());
        assertEquals("Tue, 01 Dec 2026 08:00:00 GMT", pulled.lastModified());
        assertNull(Publication.of(new DataKey(7, null), "org-1", data, DataSource.ROLLBACK).etag());
    }

    @Test
    void refusesMissingKeyDataOrSource() {
        JsonValue data = JsonValue.EMPTY_JSON_OBJECT;
        assertThrows(NullPointerException.class, () -> Publication.of(null, "o", data, DataSource.PULL));
        assertThrows(NullPointerException.class, () -> Publication.of(new DataKey(1, null), "o", null, DataSource.PULL));
        assertThrows(NullPointerException.class, () -> Publication.of(new DataKey(1, null), "o", data, null));
    }

    @Test
    void keyTextIsTheGridCacheKey() {
        assertEquals("7:org-1", new DataKey(7, "org-1").text());
        assertEquals(DataKey.of(7, null), new DataKey(7, null).text());
    }
}

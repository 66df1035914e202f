package dev.hollerith.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class WebhookBodyTest {

    static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    @Test
    void storesTheDataMemberWhenThereIsOne() {
        assertEquals(json("{\"temperature\":75}"), Webhooks.dataOf(json("{\"data\":{\"temperature\":75},\"meta\":1}")));
    }

    @Test
    void storesTheWholeBodyWithoutATopLevelDataMember() {
        JsonValue facebook = json("{\"object\":\"page\",\"entry\":[{\"id\":\"123456789\",\"changes\":[{\"field\":\"feed\",\"value\":{\"data\":1}}]}]}");
        assertEquals(facebook, Webhooks.dataOf(facebook));
        assertEquals(json("[1,2]"), Webhooks.dataOf(json("[1,2]")));
    }
}

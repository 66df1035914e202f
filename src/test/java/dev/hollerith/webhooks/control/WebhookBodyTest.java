package dev.hollerith.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.platform.control.HollerithException;
import dev.hollerith.platform.control.InvalidRequest;
import dev.hollerith.platform.control.ValidationFailed;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
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

    private static final WebhookBody BODY = new WebhookBody(64, 100, 350);

    static JsonValue parse(String text) {
        return BODY.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesWhatTheReaderParses() {
        String text = "{\"data\":{\"t\":[1,2.5,-3e2,true,false,null,\"x\\u00e9\"],\"o\":{}},\"n\":12345678901234567890}";
        assertEquals(json(text), parse(text));
        assertEquals(json("[]"), parse("  []  \n"));
        assertEquals(json("\"just a string\""), parse("\"just a string\""));
    }

    @Test
    void refusesContentAfterTheDocumentAs400() {
        for (String trailing : new String[] {"{\"a\":1} garbage", "{\"a\":1}{\"b\":2}", "[1] ]", "{} x", "1 2", "{\"x\":1} trailing"}) {
            HollerithException refused = assertThrows(HollerithException.class, () -> parse(trailing), trailing);
            assertTrue(refused instanceof InvalidRequest && refused.status() == 400, trailing + " -> " + refused.status());
            assertTrue(refused.getMessage().contains("after the JSON document"), trailing + " -> " + refused.getMessage());
        }
    }

    @Test
    void refusesMalformedDocumentsAs400() {
        for (String malformed : new String[] {"", "{", "{\"data\": {\"temperature\": 75,", "nul", "{'a':1}", "[1,]"}) {
            HollerithException refused = assertThrows(HollerithException.class, () -> parse(malformed), malformed);
            assertEquals(400, refused.status(), malformed);
        }
    }

    @Test
    void refusesDeepNestingAs422NamingTheLimit() {
        String deep = "[".repeat(1000) + "]".repeat(1000);
        ValidationFailed refused = assertThrows(ValidationFailed.class, () -> parse(deep));
        assertTrue(refused.errors().get("body").get(0).contains("deeper than 64"), refused.errors().toString());
        String deepObjects = "{\"a\":".repeat(65) + "1" + "}".repeat(65);
        assertThrows(ValidationFailed.class, () -> parse(deepObjects));
        String allowed = "{\"a\":".repeat(64) + "1" + "}".repeat(64);
        assertEquals(json(allowed), parse(allowed));
    }

    @Test
    void refusesHugeNumbersAs422() {
        ValidationFailed longNumber = assertThrows(ValidationFailed.class, () -> parse("{\"n\":" + "9".repeat(10_000) + "}"));
        assertTrue(longNumber.errors().get("body").get(0).contains("10000 characters"), longNumber.errors().toString());
        assertThrows(ValidationFailed.class, () -> parse("[1e999999999]"));
        assertThrows(ValidationFailed.class, () -> parse("[1e-400]"));
        assertEquals(json("[1.7976931348623157e308, 4.9e-324]"), parse("[1.7976931348623157e308, 4.9e-324]"));
    }

    @Test
    void acceptsJsonContentTypesAndNone() {
        assertTrue(WebhookBody.acceptsContentType(null));
        assertTrue(WebhookBody.acceptsContentType(""));
        assertTrue(WebhookBody.acceptsContentType("application/json"));
        assertTrue(WebhookBody.acceptsContentType("Application/JSON; charset=utf-8"));
        assertTrue(WebhookBody.acceptsContentType("application/cloudevents+json"));
        assertFalse(WebhookBody.acceptsContentType("text/plain"));
        assertFalse(WebhookBody.acceptsContentType("application/x-www-form-urlencoded"));
        assertFalse(WebhookBody.acceptsContentType("text/json+xml"));
        assertFalse(WebhookBody.acceptsContentType("application/xml"));
    }
}

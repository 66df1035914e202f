package dev.hollerith.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.pull.control.PullOptions;
import dev.hollerith.pull.control.UpstreamAnswer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** JSON Pointer extraction (data_path) and the feed mapping (format rss, max_items). */
class UpstreamAnswerTest {

    static final String WEATHER = "{\"name\":\"Stockholm\",\"main\":{\"temp\":21.5,\"humidity\":40},\"weather\":[{\"main\":\"Clear\"}],"
            + "\"a/b\":{\"~x\":1}}";

    static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    static JsonValue answer(String body, String dataPath, boolean feed, String options) {
        return UpstreamAnswer.data(body.getBytes(StandardCharsets.UTF_8),
                new PullOptions(true, Optional.empty(), Optional.ofNullable(dataPath), feed), (JsonObject) json(options));
    }

    @Test
    void withoutDataPathTheWholeDocumentIsTheData() {
        assertEquals(json(WEATHER), answer(WEATHER, null, false, "{}"));
    }

    @Test
    void dataPathSelectsObjectsArraysAndEscapedNames() {
        assertEquals(json("{\"temp\":21.5,\"humidity\":40}"), answer(WEATHER, "/main", false, "{}"));
        assertEquals(json("\"Clear\""), answer(WEATHER, "/weather/0/main", false, "{}"));
        assertEquals(json("1"), answer(WEATHER, "/a~1b/~0x", false, "{}"));
    }

    @Test
    void aMissingPathOrNoJsonIsAClearFailure() {
        assertEquals("data_path /nope is not in the upstream answer",
                assertThrows(IllegalArgumentException.class, () -> answer(WEATHER, "/nope", false, "{}")).getMessage());
        assertEquals("The upstream answer is not JSON",
                assertThrows(IllegalArgumentException.class, () -> answer("<html>", null, false, "{}")).getMessage());
    }

    static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Hollerith News</title><link>https://news.example/</link><description>d</description>
            <item><title>First</title><link>https://news.example/1</link><pubDate>Fri, 24 Oct 2025 10:56:00 GMT</pubDate>
              <description>&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt; &amp;amp; more&lt;/p&gt;</description></item>
            <item><title>Second</title><link>https://news.example/2</link><description>Two</description></item>
            <item><title>Third</title><link>https://news.example/3</link><description>Three</description></item>
            </channel></rss>
            """;

    @Test
    void rssBecomesTitleAndItemsCutToMaxItems() {
        JsonObject feed = (JsonObject) answer(RSS, null, true, "{\"max_items\":2}");
        assertEquals("Hollerith News", feed.getString("title"));
        JsonArray items = feed.getJsonArray("items");
        assertEquals(2, items.size());
        JsonObject first = items.getJsonObject(0);
        assertEquals("First", first.getString("title"));
        assertEquals("https://news.example/1", first.getString("link"));
        assertEquals("2025-10-24T10:56:00Z", first.getString("published"));
        assertEquals("Hello world & more", first.getString("summary"), "HTML becomes plain text");
        assertEquals(JsonValue.NULL, items.getJsonObject(1).get("published"));
    }

    @Test
    void atomFeedsWork() {
        String atom = """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Site</title><id>urn:x</id><updated>2025-10-24T10:00:00Z</updated>
                <entry><title>Entry</title><link href="https://atom.example/e"/><id>urn:e</id><updated>2025-10-24T09:00:00Z</updated>
                <summary>Sum</summary></entry></feed>
                """;
        JsonObject feed = (JsonObject) answer(atom, null, true, "{}");
        assertEquals("Atom Site", feed.getString("title"));
        JsonObject entry = feed.getJsonArray("items").getJsonObject(0);
        assertEquals("https://atom.example/e", entry.getString("link"));
        assertEquals("2025-10-24T09:00:00Z", entry.getString("published"));
        assertEquals("Sum", entry.getString("summary"));
    }

    @Test
    void maxItemsDefaultsToTenAndDoctypesAreRefused() {
        StringBuilder many = new StringBuilder("<rss version=\"2.0\"><channel><title>t</title>");
        for (int i = 0; i < 15; i++) {
            many.append("<item><title>").append(i).append("</title></item>");
        }
        many.append("</channel></rss>");
        assertEquals(10, ((JsonObject) answer(many.toString(), null, true, "{}")).getJsonArray("items").size());
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel>"
                + "<title>&x;</title></channel></rss>";
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> answer(xxe, null, true, "{}"));
        assertTrue(refused.getMessage().contains("not an RSS or Atom feed"));
    }
}

package dev.hollerith.pull.control;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An RSS or Atom document as the JSON players read (API.md): {@code {"title", "items": [{"title",
 * "link", "published", "summary"}]}}, cut to {@code max_items}. Parsed with Rome, which refuses
 * DOCTYPEs (no XML entity expansion from a tenant's feed). Summaries become plain text: a feed's
 * HTML is not ours to inject into a display.
 */
public final class FeedDocument {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final int MAX_SUMMARY = 2000;

    private FeedDocument() {
    }

    /** @throws IllegalArgumentException when the bytes are not a feed (message safe to show) */
    public static JsonObject parse(byte[] document, int maxItems) {
        SyndFeed feed;
        try {
            feed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(document)));
        } catch (FeedException | IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The upstream answer is not an RSS or Atom feed");
        }
        JsonArrayBuilder items = Json.createArrayBuilder();
        List<SyndEntry> entries = feed.getEntries();
        for (SyndEntry entry : entries.subList(0, Math.min(Math.max(maxItems, 0), entries.size()))) {
            JsonObjectBuilder item = Json.createObjectBuilder();
            add(item, "title", plain(entry.getTitle()));
            add(item, "link", link(entry));
            Date published = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
            add(item, "published", published == null ? null : published.toInstant().toString());
            add(item, "summary", summary(entry));
            items.add(item);
        }
        JsonObjectBuilder out = Json.createObjectBuilder();
        add(out, "title", plain(feed.getTitle()));
        return out.add("items", items).build();
    }

    private static String link(SyndEntry entry) {
        if (entry.getLink() != null && !entry.getLink().isBlank()) {
            return entry.getLink().trim();
        }
        return entry.getLinks().isEmpty() ? null : entry.getLinks().get(0).getHref();
    }

    private static String summary(SyndEntry entry) {
        SyndContent description = entry.getDescription();
        if (description != null && description.getValue() != null) {
            return plain(description.getValue());
        }
        return entry.getContents().isEmpty() ? null : plain(entry.getContents().get(0).getValue());
    }

    static String plain(String html) {
        if (html == null) {
            return null;
        }
        String text = SPACE.matcher(TAG.matcher(html).replaceAll(" ")).replaceAll(" ").trim()
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return text.length() > MAX_SUMMARY ? text.substring(0, MAX_SUMMARY) + "…" : text;
    }

    private static void add(JsonObjectBuilder builder, String name, String value) {
        if (value == null) {
            builder.addNull(name);
        } else {
            builder.add(name, value);
        }
    }
}

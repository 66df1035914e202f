package dev.hollerith.widgetdata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.BaseUrl;
import dev.hollerith.testing.SharedServer;
import dev.hollerith.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 002's player read path, refresh and the pull engine against fake upstreams (WireMock on
 * loopback): the OpenWeather example with organization credentials, and the RSS example.
 */
@ExtendWith(SharedServer.class)
class WidgetDataIT {

    static WireMockServer upstream;

    @BaseUrl
    URL base;

    Api api;
    Api admin;

    @BeforeAll
    static void startUpstream() {
        upstream = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.stop();
    }

    @BeforeEach
    void signIn() {
        api = new Api(base);
        admin = api.asAdmin();
    }

    // ---------------------------------------------------------------- weather (JSON, organization credentials)

    record Weather(String org, long integration, String config, Api player, Api member, String path) {
    }

    static String openWeather(double temp, String condition) {
        return "{\"coord\":{\"lon\":18.07,\"lat\":59.33},\"weather\":[{\"id\":800,\"main\":\"" + condition + "\",\"description\":\"clear sky\"}],"
                + "\"main\":{\"temp\":" + temp + ",\"feels_like\":" + (temp - 1) + ",\"humidity\":40},\"name\":\"Stockholm\",\"cod\":200}";
    }

    Weather weatherSetUp(String apiKey) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String widget = "weather-" + tag;
        String path = "/data/2.5/weather-" + tag;
        admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Weather " + tag + "\"}").expect(201);
        long integration = admin.post("dashboard/widgets/" + widget + "/integrations", """
                {"widget_id":"%s","name":"openweather","description":"OpenWeather API Integration","integration_type":"pull",
                 "credential_scope":"organization",
                 "credential_schema":{"api_key":{"type":"string","required":true,"label":"OpenWeather API Key","sensitive":true}},
                 "config_schema":{"city":{"type":"string","required":true},
                                  "units":{"type":"string","enum":["metric","imperial"],"default":"metric","label":"Temperature Units"}},
                 "pull_endpoint":"%s","pull_interval_seconds":1800,
                 "pull_config":{"rate_limit":60,"timeout":5000,"data_path":"/main",
                                "query":{"q":"{{config.city}}","units":"{{config.units}}","appid":"{{credentials.api_key}}"}}}
                """.formatted(widget, upstream.baseUrl() + path)).expect(201).data().getJsonNumber("id").longValue();
        String org = admin.createOrganization("Weather");
        admin.post("dashboard/organizations/" + org + "/widget-integrations/" + integration + "/credentials",
                "{\"credentials\":{\"api_key\":\"" + apiKey + "\"}}").expect(201);
        String config = admin.post("dashboard/organizations/" + org + "/widget-configs",
                "{\"widget_id\":\"" + widget + "\",\"name\":\"Lobby weather\",\"options\":{\"city\":\"Stockholm\"}}").expect(201).data().getString("id");
        return new Weather(org, integration, config, api.as(admin.createKey(org, "player")), api.as(admin.createKey(org, "member")), path);
    }

    void stubWeather(String path, String body, String etag) {
        upstream.stubFor(get(urlPathEqualTo(path)).atPriority(5)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withHeader("ETag", etag).withBody(body)));
    }

    @Test
    void weatherPullVersionsAnswersTheSeedsCachingContractAndRefreshes() {
        Weather w = weatherSetUp("owm-secret-" + UUID.randomUUID());
        stubWeather(w.path(), openWeather(21.5, "Clear"), "\"w1\"");
        String data = "dashboard/widget-configs/" + w.config() + "/data";

        // the first read binds the config, creates its pull job and triggers the first fetch
        JsonObject first = eventually(() -> w.player().get(data), r -> r.status() == 200, "first pull").json();
        assertEquals(1, first.getJsonNumber("version").longValue(), "first pull creates version 1");
        assertEquals("success", first.getString("status"));
        assertEquals(21.5, first.getJsonObject("data").getJsonNumber("temp").doubleValue(), "data_path /main selects the member");
        assertTrue(Instant.parse(first.getString("fetched_at")).isAfter(Instant.now().minusSeconds(60)));
        assertFalse(first.containsKey("error_message"));

        // seed 002: 304 when the version matches, with ETag / If-None-Match as well
        ApiResponse same = w.player().get(data + "?version=1").expect(304);
        assertEquals("", same.body());
        assertEquals("\"1\"", same.header("ETag").orElseThrow());
        w.player().with("If-None-Match", "\"1\"").get(data).expect(304);
        w.player().with("If-None-Match", "W/\"0\", \"1\"").get(data).expect(304);
        assertEquals(1, w.player().get(data + "?version=0").expect(200).json().getJsonNumber("version").longValue());
        assertEquals("\"1\"", w.player().get(data).expect(200).header("ETag").orElseThrow());
        assertEquals("version must be an integer", w.player().get(data + "?version=abc").expect(400).error());

        // unchanged upstream (a 304 to our If-None-Match) keeps the version
        upstream.stubFor(get(urlPathEqualTo(w.path())).atPriority(1).withHeader("If-None-Match", equalTo("\"w1\""))
                .willReturn(aResponse().withStatus(304)));
        int before = requests(w.path()).size();
        refresh(w);
        eventually(() -> requests(w.path()).size(), n -> n > before, "refresh reached the upstream");
        awaitRunFinished(w);
        w.player().get(data + "?version=1").expect(304);
        LoggedRequest conditional = requests(w.path()).get(requests(w.path()).size() - 1);
        assertEquals("\"w1\"", conditional.getHeader("If-None-Match"), "the last ETag is sent upstream");

        // same content under a new ETag: still version 1 (the content hash decides)
        upstream.resetMappings();
        stubWeather(w.path(), openWeather(21.5, "Clear"), "\"w1b\"");
        int beforeSame = requests(w.path()).size();
        refresh(w);
        eventually(() -> requests(w.path()).size(), n -> n > beforeSame, "refresh reached the upstream");
        awaitRunFinished(w);
        w.player().get(data + "?version=1").expect(304);

        // changed upstream bumps the version; refresh answers 202 as in the seed
        stubWeather(w.path(), openWeather(23.0, "Clouds"), "\"w2\"");
        ApiResponse queued = w.member().post("dashboard/widget-configs/" + w.config() + "/refresh", "").expect(202);
        assertEquals("Refresh queued", queued.json().getString("message"));
        assertEquals(w.config(), queued.json().getString("widget_config_id"));
        JsonObject second = eventually(() -> w.player().get(data + "?version=1"), r -> r.status() == 200, "new version").json();
        assertEquals(2, second.getJsonNumber("version").longValue());
        assertEquals(23.0, second.getJsonObject("data").getJsonNumber("temp").doubleValue());
        w.player().get(data + "?version=2").expect(304);

        // credentials reach the upstream only where pull_config puts them: the query, never a header
        for (LoggedRequest request : requests(w.path())) {
            assertEquals("Stockholm", request.queryParameter("q").firstValue());
            assertEquals("metric", request.queryParameter("units").firstValue(), "config defaults feed the request");
            assertTrue(request.queryParameter("appid").firstValue().startsWith("owm-secret-"));
            assertTrue(request.getHeaders().all().stream().noneMatch(h -> h.values().stream().anyMatch(v -> v.contains("owm-secret-"))),
                    "no header carries the credential");
        }
        assertTrue(TestDatabase.strings("SELECT data FROM integration_data WHERE integration_id = ?", w.integration())
                .stream().noneMatch(stored -> stored.contains("owm-secret-")));

        // a failing upstream keeps the last good data and reports the error
        upstream.resetMappings();
        upstream.stubFor(get(urlPathEqualTo(w.path())).willReturn(aResponse().withStatus(500).withBody("boom")));
        refresh(w);
        JsonObject failed = eventually(() -> w.player().get(data), r -> r.status() == 200 && r.json().getString("status").equals("error"),
                "error status").json();
        assertEquals(2, failed.getJsonNumber("version").longValue(), "the last good version stays");
        assertEquals(23.0, failed.getJsonObject("data").getJsonNumber("temp").doubleValue(), "the last good data stays");
        assertEquals("The upstream answered HTTP 500", failed.getString("error_message"));
        JsonObject job = pullJob(w);
        assertEquals(1, job.getInt("failures"));
        assertEquals("The upstream answered HTTP 500", job.getString("last_error"));
        Duration backoff = Duration.between(Instant.parse(job.getString("last_run_at")), Instant.parse(job.getString("next_run_at")));
        assertTrue(backoff.compareTo(Duration.ofSeconds(20)) >= 0 && backoff.compareTo(Duration.ofSeconds(40)) <= 0,
                "first backoff is the base (30 s) ± 20 % jitter, was " + backoff);

        // a 429 upstream: its Retry-After is honoured
        upstream.resetMappings();
        upstream.stubFor(get(urlPathEqualTo(w.path())).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "900")));
        refresh(w);
        JsonObject limited = eventually(() -> pullJob(w), j -> j.getInt("failures") == 2, "429 recorded");
        Duration wait = Duration.between(Instant.parse(limited.getString("last_run_at")), Instant.parse(limited.getString("next_run_at")));
        assertTrue(wait.compareTo(Duration.ofSeconds(899)) >= 0, "Retry-After 900 honoured, next run after " + wait);

        // recovery resets the status and the failure count
        upstream.resetMappings();
        stubWeather(w.path(), openWeather(23.0, "Clouds"), "\"w2\"");
        refresh(w);
        JsonObject recovered = eventually(() -> w.player().get(data), r -> r.status() == 200 && r.json().getString("status").equals("success"),
                "recovered").json();
        assertEquals(2, recovered.getJsonNumber("version").longValue());
        assertFalse(recovered.containsKey("error_message"));
        assertEquals(0, pullJob(w).getInt("failures"));
    }

    @Test
    void tenantsRolesAndUnknownConfigs() {
        Weather w = weatherSetUp("owm-other-" + UUID.randomUUID());
        stubWeather(w.path(), openWeather(10, "Rain"), "\"t1\"");
        String data = "dashboard/widget-configs/" + w.config() + "/data";
        eventually(() -> w.player().get(data), r -> r.status() == 200, "first pull");

        String other = admin.createOrganization("Other");
        Api otherPlayer = api.as(admin.createKey(other, "player"));
        Api otherMember = api.as(admin.createKey(other, "member"));
        assertEquals("Widget config not found", otherPlayer.get(data).expect(404).error());
        otherPlayer.get(data + "?version=1").expect(404);
        otherPlayer.get("dashboard/widget-configs/" + w.config() + "/events").expect(404);
        otherMember.post("dashboard/widget-configs/" + w.config() + "/refresh", "").expect(404);
        assertEquals(0, otherMember.get("dashboard/widget-integrations/" + w.integration() + "/pull-jobs").expect(200).dataArray().size());
        w.player().post("dashboard/widget-configs/" + w.config() + "/refresh", "").expect(403);
        api.get(data).expect(401);
        assertEquals("Widget config not found", w.player().get("dashboard/widget-configs/" + UUID.randomUUID() + "/data").expect(404).error());
        admin.get(data).expect(200);
        assertEquals(1, w.member().get("dashboard/widget-integrations/" + w.integration() + "/pull-jobs").expect(200).dataArray().size());
        admin.get("dashboard/widget-integrations/999999999/pull-jobs").expect(404);
    }

    @Test
    void aConfigWithoutDataAnswersTheSeedsError() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String widget = "clock-" + tag;
        admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Clock\"}").expect(201);
        String org = admin.createOrganization("Clock");
        String config = admin.post("dashboard/organizations/" + org + "/widget-configs",
                "{\"widget_id\":\"" + widget + "\",\"name\":\"Clock\",\"options\":{}}").expect(201).data().getString("id");
        Api player = api.as(admin.createKey(org, "player"));
        assertEquals("No integration data found", player.get("dashboard/widget-configs/" + config + "/data").expect(404).error());
        assertEquals("No integration data found", player.get("dashboard/widget-configs/" + config + "/data?version=3").expect(404).error());
    }

    // ---------------------------------------------------------------- RSS (built-in fetcher, shared per discriminator)

    static String rss(String... titles) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Hollerith News</title>"
                + "<link>https://news.example/</link><description>News</description>");
        for (int i = 0; i < titles.length; i++) {
            xml.append("<item><title>").append(titles[i]).append("</title><link>https://news.example/").append(i)
                    .append("</link><pubDate>Fri, 24 Oct 2025 10:5").append(i).append(":00 GMT</pubDate><description>&lt;p&gt;About ")
                    .append(titles[i]).append("&lt;/p&gt;</description></item>");
        }
        return xml.append("</channel></rss>").toString();
    }

    String rssWidget(String tag) {
        String widget = "rss-feed-" + tag;
        admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"RSS " + tag + "\"}").expect(201);
        admin.post("dashboard/widgets/" + widget + "/integrations", """
                {"widget_id":"%s","name":"rss","description":"RSS Feed Integration","integration_type":"pull",
                 "credential_scope":"widget","credential_schema":{},
                 "config_schema":{"feed_url":{"type":"string","required":true,"label":"RSS Feed URL","pattern":"^https?://.+"},
                                  "max_items":{"type":"number","default":10,"min":1,"max":50,"label":"Maximum Items"}},
                 "pull_interval_seconds":300}
                """.formatted(widget)).expect(201);
        return widget;
    }

    @Test
    void twoConfigsWithTheSameFeedShareOneUpstreamRequestAndSseDeliversVersions() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String feedPath = "/feeds/" + tag + ".xml";
        upstream.stubFor(get(urlPathEqualTo(feedPath)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rss+xml").withBody(rss("One", "Two", "Three"))));
        String widget = rssWidget(tag);
        String orgA = admin.createOrganization("Feed A");
        String orgB = admin.createOrganization("Feed B");
        String options = "{\"feed_url\":\"" + upstream.baseUrl() + feedPath + "\",\"max_items\":2}";
        String configA = admin.post("dashboard/organizations/" + orgA + "/widget-configs",
                "{\"widget_id\":\"" + widget + "\",\"name\":\"News A\",\"options\":" + options + "}").expect(201).data().getString("id");
        String configB = admin.post("dashboard/organizations/" + orgB + "/widget-configs",
                "{\"widget_id\":\"" + widget + "\",\"name\":\"News B\",\"options\":" + options + "}").expect(201).data().getString("id");
        String tokenA = admin.createKey(orgA, "player");
        String tokenB = admin.createKey(orgB, "player");
        Api playerA = api.as(tokenA);
        Api playerB = api.as(tokenB);

        JsonObject a = eventually(() -> playerA.get("dashboard/widget-configs/" + configA + "/data"), r -> r.status() == 200, "feed A").json();
        JsonObject b = eventually(() -> playerB.get("dashboard/widget-configs/" + configB + "/data"), r -> r.status() == 200, "feed B").json();
        assertEquals(a, b, "both configs read the one shared row");
        JsonObject feed = a.getJsonObject("data");
        assertEquals("Hollerith News", feed.getString("title"));
        assertEquals(2, feed.getJsonArray("items").size(), "cut to max_items");
        JsonObject item = feed.getJsonArray("items").getJsonObject(0);
        assertEquals("One", item.getString("title"));
        assertEquals("https://news.example/0", item.getString("link"));
        assertEquals("2025-10-24T10:50:00Z", item.getString("published"));
        assertEquals("About One", item.getString("summary"));
        Thread.sleep(1500);
        assertEquals(1, requests(feedPath).size(), "two configs with the same options cost one upstream request");

        // SSE: the current version at once, then one event per new version
        BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        Thread reader = listen(tokenA, "dashboard/widget-configs/" + configA + "/events", null, events);
        try {
            String[] current = events.poll(20, TimeUnit.SECONDS);
            assertEquals("1", current[0]);
            assertEquals(a, parse(current[1]));

            upstream.stubFor(get(urlPathEqualTo(feedPath)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/rss+xml").withBody(rss("Zero", "One", "Two"))));
            admin.post("dashboard/widget-configs/" + configB + "/refresh", "").expect(202);
            String[] next = events.poll(20, TimeUnit.SECONDS);
            assertEquals("2", next[0], "a refresh through another config of the same data reaches this listener");
            assertEquals("Zero", parse(next[1]).getJsonObject("data").getJsonArray("items").getJsonObject(0).getString("title"));
            assertEquals(2, parse(next[1]).getJsonNumber("version").longValue());
        } finally {
            reader.interrupt();
        }

        // a reconnect with an older Last-Event-ID gets the current version at once
        BlockingQueue<String[]> resumed = new LinkedBlockingQueue<>();
        Thread again = listen(tokenB, "dashboard/widget-configs/" + configB + "/events", "1", resumed);
        try {
            String[] missed = resumed.poll(20, TimeUnit.SECONDS);
            assertEquals("2", missed[0]);
        } finally {
            again.interrupt();
        }
        playerB.get("dashboard/widget-configs/" + configB + "/data?version=2").expect(304);
    }

    // ---------------------------------------------------------------- helpers

    void refresh(Weather w) {
        admin.post("dashboard/widget-configs/" + w.config() + "/refresh", "").expect(202);
    }

    JsonObject pullJob(Weather w) {
        return admin.get("dashboard/widget-integrations/" + w.integration() + "/pull-jobs").expect(200).dataArray().getJsonObject(0);
    }

    void awaitRunFinished(Weather w) {
        eventually(() -> pullJob(w), job -> !job.getBoolean("running") && job.containsKey("last_run_at")
                && Instant.parse(job.getString("next_run_at")).isAfter(Instant.now().plusSeconds(600)), "run finished");
    }

    static List<LoggedRequest> requests(String path) {
        return upstream.findAll(getRequestedFor(urlPathEqualTo(path)));
    }

    static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    static <T> T eventually(Supplier<T> probe, Predicate<T> done, String what) {
        Instant deadline = Instant.now().plusSeconds(30);
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Timed out waiting for " + what + "; last: "
                + (last instanceof ApiResponse r ? r.status() + " " + r.body() : last));
    }

    /** Reads an SSE stream on a thread: each event as {id, data}. */
    Thread listen(String token, String path, String lastEventId, BlockingQueue<String[]> events) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        Thread thread = new Thread(() -> {
            try {
                HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines());
                String id = null;
                StringBuilder data = new StringBuilder();
                for (String line : (Iterable<String>) response.body()::iterator) {
                    if (Thread.currentThread().isInterrupted()) {
                        break;
                    }
                    if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    } else if (line.isEmpty() && data.length() > 0) {
                        events.add(new String[] {id, data.toString()});
                        id = null;
                        data.setLength(0);
                    }
                }
            } catch (Exception ended) {
                // the test is over
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}

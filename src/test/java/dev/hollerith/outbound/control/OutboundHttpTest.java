package dev.hollerith.outbound.control;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real client against a real local HTTP server: nothing leaves the machine. */
class OutboundHttpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private WireMockServer upstream;

    @BeforeEach
    void startUpstream() {
        upstream = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop();
    }

    private OutboundHttp client(String allowList) {
        OutboundHttp http = new OutboundHttp();
        http.allowList = Optional.of(allowList);
        http.maxResponseBytes = 1000;
        http.maxPerHost = 4;
        http.maxTotal = 16;
        http.maxRedirects = 3;
        http.open();
        return http;
    }

    private URI local(String path) {
        return URI.create("http://127.0.0.1:" + upstream.port() + path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://0.0.0.0/",
            "http://[::]/", "http://localhost/", "http://10.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://2130706433/",
            "http://[::127.0.0.1]:8080/", "http://[::ffff:0:127.0.0.1]:8080/"})
    void refusesPrivateDestinationsByDefault(String url) {
        OutboundHttp http = client("");
        assertThrows(OutboundRefused.class, () -> http.send(OutboundRequest.get(URI.create(url), TIMEOUT)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "file:///etc/passwd", "gopher://example.com/", "http:///nohost", "http://user:pw@example.com/"})
    void refusesOtherSchemesAndOddUrls(String url) {
        OutboundHttp http = client("");
        assertThrows(OutboundRefused.class, () -> http.checkDestination(URI.create(url)));
    }

    @Test
    void refusesHostNameResolvingToLoopbackUntilListed() {
        upstream.stubFor(get("/ok").willReturn(aResponse().withBody("fine")));
        URI byName = URI.create("http://localhost:" + upstream.port() + "/ok");
        assertThrows(OutboundRefused.class, () -> client("").send(OutboundRequest.get(byName, TIMEOUT)));
        assertEquals("fine", client("localhost").send(OutboundRequest.get(byName, TIMEOUT)).bodyText());
    }

    @Test
    void allowsListedNetworkAndPassesHeaders() {
        upstream.stubFor(get(urlPathEqualTo("/weather")).willReturn(aResponse().withHeader("ETag", "\"v1\"").withBody("{\"t\":21}")));
        OutboundResponse response = client("127.0.0.1/32").send(OutboundRequest.get(local("/weather?q=Stockholm"), TIMEOUT)
                .withHeader("X-Api-Key", "k1"));
        assertEquals(200, response.status());
        assertEquals("{\"t\":21}", response.bodyText());
        assertEquals("\"v1\"", response.header("etag").orElseThrow());
        upstream.verify(getRequestedFor(urlPathEqualTo("/weather")).withHeader("X-Api-Key", equalTo("k1")));
    }

    @Test
    void followsNoRedirectIntoRefusedSpace() {
        upstream.stubFor(get("/hop").willReturn(aResponse().withStatus(302).withHeader("Location", "http://127.0.0.2:" + upstream.port() + "/inside")));
        upstream.stubFor(get("/metadata").willReturn(aResponse().withStatus(302).withHeader("Location", "http://169.254.169.254/latest/")));
        OutboundHttp http = client("127.0.0.1/32");
        assertThrows(OutboundRefused.class, () -> http.send(OutboundRequest.get(local("/hop"), TIMEOUT)));
        assertThrows(OutboundRefused.class, () -> http.send(OutboundRequest.get(local("/metadata"), TIMEOUT)));
    }

    @Test
    void followsRedirectWithinAllowedSpace() {
        upstream.stubFor(get("/old").willReturn(aResponse().withStatus(301).withHeader("Location", "/new")));
        upstream.stubFor(get("/new").willReturn(aResponse().withBody("moved")));
        assertEquals("moved", client("127.0.0.1/32").send(OutboundRequest.get(local("/old"), TIMEOUT)).bodyText());
    }

    @Test
    void givesUpAtTheDeadline() {
        upstream.stubFor(get("/slow").willReturn(aResponse().withFixedDelay(4000).withBody("late")));
        long started = System.nanoTime();
        OutboundFailed failure = assertThrows(OutboundFailed.class,
                () -> client("127.0.0.1/32").send(OutboundRequest.get(local("/slow"), Duration.ofMillis(500))));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMs < 3000, "took " + elapsedMs + " ms");
        assertTrue(failure.getMessage().contains("no answer within 500 ms"), failure.getMessage());
    }

    @Test
    void capsTheResponseSize() {
        upstream.stubFor(get("/huge").willReturn(aResponse().withBody("x".repeat(5000))));
        OutboundFailed failure = assertThrows(OutboundFailed.class,
                () -> client("127.0.0.1/32").send(OutboundRequest.get(local("/huge"), TIMEOUT)));
        assertTrue(failure.getMessage().contains("larger than 1000 bytes"));
    }

    @Test
    void reportsUnreachableUpstream() {
        int closedPort = upstream.port();
        upstream.stop();
        OutboundFailed failure = assertThrows(OutboundFailed.class,
                () -> client("127.0.0.1/32").send(OutboundRequest.get(URI.create("http://127.0.0.1:" + closedPort + "/"), TIMEOUT)));
        assertTrue(failure.getMessage().startsWith("unreachable"), failure.getMessage());
        upstream.start();
    }

    // validation only: nothing is resolved or connected
    @ParameterizedTest
    @ValueSource(strings = {"http://0177.0.0.1/", "http://0x7f000001/", "http://2130706433:8080/x", "http://127.1/", "http://0x7f.0.0.1/",
            "https://010.10.10.10/", "http://[::ffff:0177.0.0.1]/"})
    void refusesAmbiguousHostSpellingsBeforeResolvingThem(String url) {
        OutboundRefused refused = assertThrows(OutboundRefused.class, () -> client("127.0.0.1/32").checkDestination(URI.create(url)));
        assertTrue(refused.getMessage().contains("decimal"), refused.getMessage());
    }

    @Test
    void redactsInterpolatedCredentialsFromACircularRedirect() {
        String key = "s3cr3t/key+value";
        String encoded = Redaction.percentEncode(key);
        upstream.stubFor(get(urlPathEqualTo("/loop")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", local("/loop?appid=" + encoded).toString())));
        OutboundRequest request = new OutboundRequest("GET", local("/loop?appid=" + encoded), java.util.Map.of("X-Key", key), null, TIMEOUT,
                java.util.Set.of(key));
        OutboundFailed failure = assertThrows(OutboundFailed.class, () -> client("127.0.0.1/32").send(request));
        assertFalse(failure.getMessage().contains(encoded), failure.getMessage());
        assertFalse(failure.getMessage().contains("s3cr3t"), failure.getMessage());
        assertTrue(failure.getMessage().contains("circle"), failure.getMessage());
    }

    @Test
    void redactsInterpolatedCredentialsFromAnInvalidRedirect() {
        String key = "k3y-abcdef";
        upstream.stubFor(get(urlPathEqualTo("/bad")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + upstream.port() + "/x y?appid=" + key + "&%zz")));
        OutboundRequest request = new OutboundRequest("GET", local("/bad?appid=" + key), java.util.Map.of(), null, TIMEOUT, java.util.Set.of(key));
        OutboundFailed failure = assertThrows(OutboundFailed.class, () -> client("127.0.0.1/32").send(request));
        assertFalse(failure.getMessage().contains(key), failure.getMessage());
    }

    @Test
    void refusesARedirectToAnAmbiguousHostSpelling() {
        upstream.stubFor(get("/octal").willReturn(aResponse().withStatus(302).withHeader("Location", "http://0177.0.0.1:" + upstream.port() + "/")));
        OutboundRefused refused = assertThrows(OutboundRefused.class, () -> client("127.0.0.1/32").send(OutboundRequest.get(local("/octal"), TIMEOUT)));
        assertTrue(refused.getMessage().startsWith("Redirect refused"), refused.getMessage());
    }

    @Test
    void carriesManyExchangesAtOnceOnFewThreads() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/many")).willReturn(aResponse().withFixedDelay(200).withBody("ok")));
        OutboundHttp http = client("127.0.0.1/32");
        long started = System.nanoTime();
        var answers = new java.util.ArrayList<java.util.concurrent.CompletableFuture<OutboundResponse>>();
        for (int i = 0; i < 16; i++) {
            answers.add(http.sendAsync(OutboundRequest.get(local("/many?i=" + i), TIMEOUT)));
        }
        for (var answer : answers) {
            assertEquals("ok", answer.get().bodyText());
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        // 16 answers of 200 ms over 4 connections to the host: 4 rounds, not 16
        assertTrue(elapsedMs < 2500, "took " + elapsedMs + " ms");
    }

    @Test
    void queuesRequestsPerHostWithoutLettingThemTimeOutWhileTheyWait() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/queued")).willReturn(aResponse().withFixedDelay(100).withBody("ok")));
        OutboundHttp http = client("127.0.0.1/32");
        var answers = new java.util.ArrayList<java.util.concurrent.CompletableFuture<OutboundResponse>>();
        // 40 answers of 100 ms over 4 places: 1 s in all; each is answered within its own 700 ms once it is sent,
        // although most waited longer than that for a place (a deadline that ran while waiting would fail them)
        for (int i = 0; i < 40; i++) {
            answers.add(http.sendAsync(OutboundRequest.get(local("/queued?i=" + i), Duration.ofMillis(700))));
        }
        for (var answer : answers) {
            assertEquals("ok", answer.get().bodyText());
        }
    }

    @Test
    void givesUpWaitingForAPlaceOnAHangingHost() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/stuck")).willReturn(aResponse().withFixedDelay(3000).withBody("late")));
        OutboundHttp http = client("127.0.0.1/32");
        http.maxWaitMs = 500;
        for (int i = 0; i < 4; i++) {
            http.sendAsync(OutboundRequest.get(local("/stuck?i=" + i), TIMEOUT));
        }
        var waiting = http.sendAsync(OutboundRequest.get(local("/stuck?i=last"), TIMEOUT));
        var failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> waiting.get(2, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(failure.getCause().getMessage().startsWith("not sent: 4 requests"), failure.getCause().getMessage());
    }

    @Test
    void aHangingHostDoesNotHoldUpAnother() throws Exception {
        WireMockServer other = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        other.start();
        try {
            upstream.stubFor(get(urlPathEqualTo("/hang")).willReturn(aResponse().withFixedDelay(3000).withBody("late")));
            other.stubFor(get(urlPathEqualTo("/quick")).willReturn(aResponse().withBody("quick")));
            OutboundHttp http = client("127.0.0.1/32");
            for (int i = 0; i < 12; i++) {
                http.sendAsync(OutboundRequest.get(local("/hang?i=" + i), Duration.ofMillis(1500)));
            }
            long started = System.nanoTime();
            OutboundResponse quick = http.sendAsync(OutboundRequest.get(URI.create("http://127.0.0.1:" + other.port() + "/quick"), TIMEOUT))
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals("quick", quick.bodyText());
            assertTrue((System.nanoTime() - started) / 1_000_000 < 1000);
        } finally {
            other.stop();
        }
    }

    // validation only: what integration creation answers (ValidationFailed is the API's 422) for such endpoints
    @ParameterizedTest
    @ValueSource(strings = {"http://127.1/weather", "http://0x7f000001/weather", "http://0177.0.0.1/weather", "http://[::127.0.0.1]:8080/weather",
            "http://[::ffff:0:127.0.0.1]:8080/weather", "http://2130706433/weather"})
    void integrationCreationRefusesTheEndpointWithItsReason(String endpoint) {
        var definitions = new dev.hollerith.integrations.control.IntegrationDefinitions(10, client("")::checkDestination);
        var body = jakarta.json.Json.createObjectBuilder().add("name", "w").add("integration_type", "pull")
                .add("credential_scope", "organization").add("pull_endpoint", endpoint).add("pull_interval_seconds", 60).build();
        var failed = assertThrows(dev.hollerith.platform.control.ValidationFailed.class, () -> definitions.create("w", body));
        String reason = String.join(" ", failed.errors().get("pull_endpoint"));
        assertTrue(reason.startsWith("URL refused"), reason);
    }
}

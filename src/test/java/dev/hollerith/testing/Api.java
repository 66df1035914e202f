package dev.hollerith.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A plain HTTP client for the tests: exact methods, headers and bytes, no client-side JSON
 * mapping that could hide what the server really sent.
 */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private static final Map<URI, String> ADMIN_SESSIONS = new java.util.concurrent.ConcurrentHashMap<>();

    private final URI base;
    private final String token;
    private final Map<String, String> headers;

    public Api(URL base) {
        this(URI.create(base.toString().endsWith("/") ? base.toString() : base + "/"), null, Map.of());
    }

    private Api(URI base, String token, Map<String, String> headers) {
        this.base = base;
        this.token = token;
        this.headers = headers;
    }

    public Api as(String bearerToken) {
        return new Api(base, bearerToken, headers);
    }

    public Api anonymous() {
        return new Api(base, null, headers);
    }

    public Api with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new Api(base, token, more);
    }

    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public ApiResponse get(String path) {
        return send("GET", path, null, null);
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, null, null);
    }

    public ApiResponse post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    public ApiResponse put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    public ApiResponse patch(String path, String json) {
        return send("PATCH", path, json, "application/json");
    }

    public ApiResponse send(String method, String path, String body, String contentType) {
        return sendBytes(method, path, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), contentType);
    }

    public ApiResponse sendBytes(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null && body.length > 65_536) {
            // lets the server refuse an oversized body before it is sent, as HTTP intends
            request.expectContinue(true);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            return new ApiResponse(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- small builders for the data most tests need ----

    public String signIn(String email, String password) {
        return post("dashboard/sessions", Json.createObjectBuilder().add("email", email).add("password", password).build().toString())
                .expect(201).data().getString("token");
    }

    /**
     * Signed in as the installation's admin. The session is reused per server: all test classes
     * share one server, and sign-in is limited to 30 attempts per account and minute.
     */
    public Api asAdmin() {
        return as(ADMIN_SESSIONS.computeIfAbsent(base, unused -> signIn(HollerithWar.ADMIN_EMAIL, HollerithWar.ADMIN_PASSWORD)));
    }

    /** A new organization with a unique name; returns its id. Needs an admin. */
    public String createOrganization(String prefix) {
        return post("dashboard/organizations", Json.createObjectBuilder().add("name", prefix + " " + UUID.randomUUID()).build().toString())
                .expect(201).data().getString("id");
    }

    /** A new API key of the organization; returns the full token. */
    public String createKey(String organizationId, String role) {
        JsonObject data = post("dashboard/organizations/" + organizationId + "/api-keys",
                Json.createObjectBuilder().add("name", role + " key").add("role", role).build().toString()).expect(201).data();
        return data.getString("key");
    }
}

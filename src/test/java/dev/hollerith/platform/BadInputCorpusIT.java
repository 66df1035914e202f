package dev.hollerith.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.HollerithWar;
import dev.hollerith.testing.OwnServers;
import dev.hollerith.testing.PayaraProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input over every endpoint the OpenAPI document lists (issue 14): null, scalars, deep
 * nesting, huge numbers, invalid UTF-8, trailing garbage, wrong content types, oversize and
 * non-ASCII headers, nonsense query parameters. No answer may be a 5xx or HTML; an error is the
 * JSON error shape (or an empty 4xx where the container answers before the application).
 * Then the secrets-in-logs check: every stored secret of the scenario is searched for in the
 * server log and in every answer given after the secret was handed out.
 * <p>
 * The server starts on a database as release 1.0 left it: it is also {@link SchemaUpgradeIT}'s
 * upgrade (checked first), and the corpus then runs on the upgraded schema.
 */
@ExtendWith(OwnServers.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusIT {

    static final String MASTER_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    static SchemaUpgradeIT.Release10 release10;
    static PayaraProcess server;
    static Api admin;
    static Fixture fixture;
    /** Every answer given after the fixture was set up: none may hold a secret. */
    static final List<String> answers = new ArrayList<>();

    /** What the endpoints' path parameters are filled with, and the secrets stored on the way. */
    record Fixture(String org, String widget, long pullIntegration, long pushIntegration, String config, String client,
                   long message, String keyId, Map<String, String> secrets) {
    }

    @BeforeAll
    static void start() throws Exception {
        // release 1.0's database: upgraded by this server (SchemaUpgradeIT), then the corpus runs on the new schema
        release10 = SchemaUpgradeIT.Release10.create();
        server = new PayaraProcess()
                .property("hollerith.db.url", release10.url())
                .property("hollerith.ratelimit.integrations-per-minute", "100000")
                .property("hollerith.ratelimit.credentials-per-minute", "100000")
                .property("hollerith.punchcard.rate-limit-per-minute", "100000")
                .property("hollerith.ratelimit.webhooks-per-hour", "100000")
                .asInProduction();
        server.start(Duration.ofMinutes(8));
        admin = server.api().asAdmin();
        fixture = createFixture();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (release10 != null) {
            release10.close();
        }
    }

    private static Fixture createFixture() {
        Map<String, String> secrets = new LinkedHashMap<>();
        String org = admin.createOrganization("Corpus");
        String widget = "corpus-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Corpus\"}").expect(201);
        long pull = admin.post("dashboard/widgets/" + widget + "/integrations", """
                {"name": "corpus-pull", "integration_type": "pull", "credential_scope": "organization",
                 "credential_schema": {"api_key": {"type": "string", "required": true, "sensitive": true}},
                 "pull_endpoint": "http://127.0.0.1:1/weather", "pull_interval_seconds": 3600,
                 "pull_config": {"timeout": 2000, "query": {"appid": "{{credentials.api_key}}"}}}""")
                .expect(201).data().getJsonNumber("id").longValue();
        long push = admin.post("dashboard/widgets/" + widget + "/integrations", """
                {"name": "corpus-push", "integration_type": "push", "credential_scope": "widget",
                 "credential_schema": {"webhook_verify_token": {"type": "string", "sensitive": true}}}""")
                .expect(201).data().getJsonNumber("id").longValue();
        String memberKey = admin.createKey(org, "member");
        secrets.put("member API key", memberKey);
        secrets.put("punchcard API key", admin.createKey(org, "punchcard"));
        secrets.put("player API key", admin.createKey(org, "player"));
        Api member = server.api().as(memberKey);
        String config = member.post("dashboard/organizations/" + org + "/widget-configs", "{\"widget_id\":\"" + widget + "\",\"name\":\"c\"}")
                .expect(201).data().getString("id");
        String apiKey = "credential-" + UUID.randomUUID();
        secrets.put("organization credential", apiKey);
        member.post("dashboard/organizations/" + org + "/widget-integrations/" + pull + "/credentials",
                "{\"credentials\":{\"api_key\":\"" + apiKey + "\"}}").expect(201);
        String verifyToken = "verify-" + UUID.randomUUID();
        secrets.put("widget credential", verifyToken);
        member.post("dashboard/widget-configs/" + config + "/credentials",
                "{\"integration_id\":" + push + ",\"credentials\":{\"webhook_verify_token\":\"" + verifyToken + "\"}}").expect(201);
        String haToken = "ha-token-" + UUID.randomUUID();
        secrets.put("client ha_token", haToken);
        String client = admin.post("dashboard/clients", "{\"name\":\"Corpus\",\"ha_url\":\"http://127.0.0.1:1\",\"ha_token\":\"" + haToken + "\"}")
                .expect(201).data().getString("id");
        long message = admin.post("api/punchcard/messages", "{\"text\":\"CORPUS\"}").expect(201).data().getJsonNumber("id").longValue();
        String keyId = member.get("dashboard/organizations/" + org + "/api-keys").expect(200).dataArray().getJsonObject(0).getString("id");
        String userPassword = "user-password-" + UUID.randomUUID();
        String email = "corpus-" + UUID.randomUUID() + "@example.com";
        admin.post("dashboard/organizations/" + org + "/users", "{\"email\":\"" + email + "\",\"password\":\"" + userPassword + "\"}").expect(201);
        secrets.put("user password", userPassword);
        secrets.put("user session token", server.api().signIn(email, userPassword));
        secrets.put("admin session token", admin.signIn(HollerithWar.ADMIN_EMAIL, HollerithWar.ADMIN_PASSWORD));
        secrets.put("admin password", HollerithWar.ADMIN_PASSWORD);
        secrets.put("master key", MASTER_KEY);
        secrets.put("master key (hex)", HexFormat.of().formatHex(Base64.getDecoder().decode(MASTER_KEY)));
        return new Fixture(org, widget, pull, push, config, client, message, keyId, secrets);
    }

    // ---- the corpus ----

    record Operation(String method, String path) {
    }

    static final String DEEP = "{\"a\":".repeat(1000) + "1" + "}".repeat(1000);
    static final String HUGE = "9".repeat(10_000);

    /** name → (content type, body); null content type: none sent. */
    static Map<String, Object[]> badBodies() {
        Map<String, Object[]> bodies = new LinkedHashMap<>();
        bodies.put("null", new Object[]{"application/json", bytes("null")});
        bodies.put("string", new Object[]{"application/json", bytes("\"str\"")});
        bodies.put("number", new Object[]{"application/json", bytes("123")});
        bodies.put("boolean", new Object[]{"application/json", bytes("true")});
        bodies.put("array", new Object[]{"application/json", bytes("[1,{\"a\":null}]")});
        bodies.put("empty", new Object[]{"application/json", new byte[0]});
        bodies.put("deep", new Object[]{"application/json", bytes(DEEP)});
        bodies.put("deep array", new Object[]{"application/json", bytes("[".repeat(1000) + "]".repeat(1000))});
        bodies.put("deep in a member", new Object[]{"application/json", bytes("{\"name\":\"x\",\"data\":" + DEEP + ",\"options\":" + DEEP + "}")});
        bodies.put("huge number", new Object[]{"application/json", bytes("{\"name\":" + HUGE + ",\"version\":" + HUGE + ",\"enabled\":" + HUGE + "}")});
        bodies.put("huge number inside", new Object[]{"application/json", bytes("{\"data\":{\"n\":" + HUGE + "},\"options\":{\"n\":1e999999}}")});
        bodies.put("invalid UTF-8", new Object[]{"application/json", new byte[]{'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xff, (byte) 0xfe, (byte) 0xc3, '"', '}'}});
        bodies.put("NUL in a string", new Object[]{"application/json", bytes("{\"name\":\"a\\u0000b\",\"text\":\"a\\u0000b\",\"data\":{\"k\":\"\\u0000\"}}")});
        bodies.put("trailing garbage", new Object[]{"application/json", bytes("{\"name\":\"x\"} garbage")});
        bodies.put("two values", new Object[]{"application/json", bytes("{\"name\":\"x\"}{\"name\":\"y\"}")});
        bodies.put("truncated", new Object[]{"application/json", bytes("{\"name\":\"x")});
        bodies.put("wrong types", new Object[]{"application/json", bytes("{\"name\":[],\"email\":{},\"text\":1,\"enabled\":\"yes\",\"disabled\":\"no\","
                + "\"options\":\"x\",\"credentials\":[],\"integration_id\":\"x\",\"widget_id\":7,\"role\":null,\"version\":\"1\"}")});
        bodies.put("text/plain", new Object[]{"text/plain", bytes("{\"name\":\"x\"}")});
        bodies.put("xml", new Object[]{"application/xml", bytes("<name>x</name>")});
        bodies.put("form", new Object[]{"application/x-www-form-urlencoded", bytes("name=x")});
        bodies.put("no content type", new Object[]{null, bytes("{\"name\":\"x\"}")});
        bodies.put("bogus content type", new Object[]{"application/json; charset=ebcdic-xyz", bytes("{\"name\":\"x\"}")});
        return bodies;
    }

    @Test
    @Order(0)
    void aDatabaseOfRelease10IsAdoptedAndKeepsItsData() throws Exception {
        release10.assertAdoptedAndKept(server.api());
    }

    @Test
    @Order(1)
    void noBadInputGetsAServerErrorOrHtml() {
        List<Operation> operations = operations();
        assertTrue(operations.size() > 30, "the OpenAPI document lists the endpoints: " + operations);
        List<String> failures = new ArrayList<>();
        Map<String, Object[]> bodies = badBodies();
        for (Operation operation : operations) {
            Api caller = operation.path().startsWith("webhooks/") ? admin.anonymous() : admin;
            if (List.of("POST", "PUT", "PATCH").contains(operation.method())) {
                for (Map.Entry<String, Object[]> body : bodies.entrySet()) {
                    judge(operation, body.getKey(), caller.sendBytes(operation.method(), operation.path(),
                            (byte[]) body.getValue()[1], (String) body.getValue()[0]), failures);
                }
            }
            String query = operation.path() + (operation.path().contains("?") ? "&" : "?")
                    + "limit=abc&offset=-1&version=99999999999999999999999999&before=x&integration_id=%ff&widget_id=%00";
            judge(operation, "nonsense query", caller.sendBytes(operation.method(), query, null, null), failures);
            judge(operation, "huge query number", caller.sendBytes(operation.method(), operation.path()
                    + (operation.path().contains("?") ? "&" : "?") + "limit=" + "9".repeat(500) + "&version=-" + "9".repeat(500), null, null), failures);
            judge(operation, "If-None-Match 8 KB", caller.with("If-None-Match", "\"" + "a".repeat(8192) + "\"")
                    .sendBytes(operation.method(), operation.path(), null, null), failures);
            judge(operation, "odd If-None-Match", caller.with("If-None-Match", "W/\"-1\", *, \"\u00e9\"".replace("\u00e9", "e"))
                    .sendBytes(operation.method(), operation.path(), null, null), failures);
            judge(operation, "Accept: text/html", caller.with("Accept", "text/html")
                    .sendBytes(operation.method(), operation.path(), null, null), failures);
        }
        for (Operation operation : operations) {
            RawHttp.Exchange raw = RawHttp.send(server.url(), ("GET /" + operation.path() + " HTTP/1.1\r\nHost: x\r\n"
                    + "webhook-id: caf\u00e9\r\nX-API-Key: \u00ff\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            judgeRaw(operation, "non-ASCII headers", raw, failures);
        }
        for (String path : List.of("/%00", "/dashboard/%ff", "/dashboard/widget-configs/%00/data", "/webhooks/widgets/%ff/%00",
                "/WEB-INF/web.xml", "/WEB-INF/beans.xml", "/META-INF/MANIFEST.MF", "/admin/../WEB-INF/web.xml", "/admin/%2e%2e/WEB-INF/web.xml")) {
            judgeRaw(new Operation("GET", path), "path", RawHttp.send(server.url(),
                    RawHttp.bytes("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")), failures);
        }
        assertTrue(failures.isEmpty(), failures.size() + " bad answers:\n" + String.join("\n", failures));
    }

    private static void judge(Operation operation, String input, ApiResponse answer, List<String> failures) {
        answers.add(answer.body() + "\n" + answer.raw().headers().map());
        int status = answer.status();
        String type = answer.header("Content-Type").orElse("");
        String body = answer.body();
        String where = operation.method() + " /" + operation.path() + " [" + input + "] → " + status + " " + type + " "
                + body.substring(0, Math.min(body.length(), 200));
        if (status >= 500) {
            failures.add(where);
        } else if ((body.contains("<html") || body.contains("<!DOCTYPE") || type.startsWith("text/html"))
                && !(status < 400 && operation.path().startsWith("admin/"))) {
            // HTML only where it belongs: the console's own pages, when they are found
            failures.add(where);
        } else if (status >= 400 && !body.isEmpty() && !(type.startsWith("application/json") && isErrorJson(body))) {
            failures.add(where);
        }
    }

    private static void judgeRaw(Operation operation, String input, RawHttp.Exchange answer, List<String> failures) {
        answers.add(answer.text());
        int status = answer.status();
        String body = answer.body();
        String where = operation.method() + " " + operation.path() + " [" + input + "] → " + answer.headers().lines().findFirst().orElse("")
                + " " + body.substring(0, Math.min(body.length(), 200));
        if (status >= 500 || body.contains("<html") || body.contains("<!DOCTYPE")
                || (status >= 400 && !body.isEmpty() && !isErrorJson(body))) {
            failures.add(where);
        }
    }

    private static boolean isErrorJson(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject().containsKey("error");
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    /** Every operation of the OpenAPI document but DELETE (the corpus must not remove its own fixture) and the event stream. */
    static List<Operation> operations() {
        String document = server.api().with("Accept", "application/json").get("openapi").expect(200).body();
        JsonObject paths;
        try (JsonReader reader = Json.createReader(new StringReader(document))) {
            paths = reader.readObject().getJsonObject("paths");
        }
        List<Operation> operations = new ArrayList<>();
        for (String template : paths.keySet()) {
            if (template.endsWith("/events")) {
                continue;
            }
            for (String method : paths.getJsonObject(template).keySet()) {
                String upper = method.toUpperCase(Locale.ROOT);
                if (List.of("GET", "POST", "PUT", "PATCH").contains(upper)) {
                    operations.add(new Operation(upper, fill(template)));
                }
            }
        }
        return operations;
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{([a-z_]+)(?::[^}]*)?}");

    private static String fill(String template) {
        Matcher m = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String before = template.substring(0, m.start());
            String value = switch (m.group(1)) {
                case "org" -> fixture.org();
                case "widget" -> fixture.widget();
                case "config", "widget_config_id" -> fixture.config();
                case "integration_id" -> Long.toString(fixture.pushIntegration());
                case "path" -> "index.html";
                case "id" -> before.endsWith("api-keys/") ? fixture.keyId()
                        : before.endsWith("widget-integrations/") ? Long.toString(fixture.pullIntegration())
                        : before.endsWith("widget-configs/") ? fixture.config()
                        : before.endsWith("clients/") ? fixture.client()
                        : before.endsWith("messages/") ? Long.toString(fixture.message())
                        : "1";
                default -> "1";
            };
            m.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        m.appendTail(path);
        String filled = path.toString();
        return filled.startsWith("/") ? filled.substring(1) : filled;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---- secrets in logs and answers ----

    @Test
    @Order(2)
    void noStoredSecretReachesAnAnswerOrTheLog() {
        Api member = server.api().as(fixture.secrets().get("member API key"));
        String credentials = "dashboard/organizations/" + fixture.org() + "/widget-integrations/" + fixture.pullIntegration();
        record(member.post(credentials + "/test", ""));
        record(member.get(credentials + "/credentials"));
        record(member.get("dashboard/widget-configs/" + fixture.config() + "/credentials?integration_id=" + fixture.pushIntegration()));
        record(admin.put("dashboard/clients/" + fixture.client() + "/external-widget", "{\"disabled\":true}"));
        record(admin.get("dashboard/clients/" + fixture.client() + "/notifications"));
        record(admin.get("dashboard/clients/" + fixture.client()));
        record(member.post("dashboard/widget-configs/" + fixture.config() + "/refresh", ""));
        record(member.get("dashboard/widget-configs/" + fixture.config() + "/data"));
        record(admin.get("dashboard/widget-integrations/" + fixture.pullIntegration() + "/pull-jobs"));
        record(member.get("dashboard/organizations/" + fixture.org() + "/api-keys"));
        record(server.api().post("dashboard/sessions", "{\"email\":\"" + HollerithWar.ADMIN_EMAIL + "\",\"password\":\"wrong-" + fixture.secrets().get("user password") + "\"}"));
        record(server.api().as(fixture.secrets().get("member API key") + "x").get("dashboard/organizations/" + fixture.org()));
        record(server.api().as(fixture.secrets().get("admin session token") + "x").get("dashboard/organizations"));
        record(server.api().get("webhooks/widgets/" + fixture.pushIntegration() + "/" + fixture.config()
                + "?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=c"));
        record(admin.get("dashboard/system/status"));
        record(admin.get("metrics"));
        record(admin.get("dashboard/organizations/" + fixture.org() + "/users"));
        for (int i = 0; i < 3; i++) {
            record(admin.get("dashboard/widget-integrations/" + fixture.pullIntegration() + "/pull-jobs"));
        }

        server.stop();
        String log = server.log();
        assertTrue(log.contains("Payara Micro"), "the server log was captured");
        List<String> leaks = new ArrayList<>();
        fixture.secrets().forEach((name, secret) -> {
            if (log.contains(secret)) {
                leaks.add("server log holds the " + name + " near: " + around(log, secret));
            }
            answers.stream().filter(answer -> answer.contains(secret)).findFirst()
                    .ifPresent(answer -> leaks.add("an answer holds the " + name + ": " + around(answer, secret)));
        });
        assertEquals(List.of(), leaks);
    }

    private static void record(ApiResponse answer) {
        answers.add(answer.body() + "\n" + answer.raw().headers().map());
    }

    private static String around(String text, String secret) {
        int at = text.indexOf(secret);
        return text.substring(Math.max(0, at - 150), Math.min(text.length(), at + 50)).replace(secret, "<SECRET>");
    }
}

package dev.hollerith.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.BaseUrl;
import dev.hollerith.testing.HollerithWar;
import dev.hollerith.testing.Requirements;
import dev.hollerith.testing.SharedServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in a real browser (Debian's headless Chromium) against the real server:
 * signing in, the clients' widget toggle through its confirmation dialog against a fake widget,
 * integrations and write-only credentials, the punch card drawn hole by hole, the API switch,
 * and text from the API that never runs as markup. Saves screenshots of the main pages in docs/.
 */
@ExtendWith(SharedServer.class)
class ConsoleIT {

    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final String CHROMIUM = "/usr/bin/chromium";
    static final Path SCREENSHOTS = Path.of("docs");

    /** IBM 029, written out independently of the production table: rows punched per character. */
    static final Map<Character, List<String>> IBM_029 = Map.of(
            'A', List.of("12", "1"),
            'J', List.of("11", "1"),
            'S', List.of("0", "2"),
            '1', List.of("1"),
            '/', List.of("0", "1"),
            '<', List.of("12", "4", "8"),
            '>', List.of("0", "6", "8"),
            ' ', List.of());
    static final List<String> ROWS = List.of("12", "11", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    static WireMockServer fake;

    @BaseUrl
    URL base;

    WebDriver browser;
    Path profile;

    @BeforeAll
    static void startFakeUpstream() {
        fake = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        fake.start();
    }

    @AfterAll
    static void stopFakeUpstream() {
        fake.stop();
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    // ---------------------------------------------------------------- over plain HTTP

    @Test
    void servesTheConsoleWithStrictSecurityHeaders() {
        Api api = new Api(base);
        ApiResponse bare = api.get("admin");
        assertEquals(301, bare.status());
        assertTrue(bare.header("Location").orElseThrow().endsWith("/admin/"));

        ApiResponse page = api.get("admin/").expect(200);
        assertTrue(page.header("Content-Type").orElseThrow().startsWith("text/html"));
        String csp = page.header("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("default-src 'self'") && csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertEquals("nosniff", page.header("X-Content-Type-Options").orElseThrow());
        assertEquals("no-referrer", page.header("Referrer-Policy").orElseThrow());
        assertEquals("no-cache", page.header("Cache-Control").orElseThrow());

        ApiResponse script = api.get("admin/js/app.js").expect(200);
        assertTrue(script.header("Content-Type").orElseThrow().startsWith("text/javascript"));
        assertTrue(script.header("Cache-Control").orElseThrow().contains("max-age="));
        assertTrue(api.get("admin/css/console.css").expect(200).header("Content-Type").orElseThrow().startsWith("text/css"));
    }

    @Test
    void refusesPathsOutsideTheConsole() {
        Api api = new Api(base);
        for (String path : List.of("admin/missing.js", "admin/%2e%2e/WEB-INF/web.xml", "admin/js/%2e%2e/%2e%2e/WEB-INF/beans.xml",
                "admin/..%2fWEB-INF%2fbeans.xml", "admin/js/..%5c..%5cindex.html", "admin/.hidden")) {
            ApiResponse answer = api.get(path);
            // A backslash is refused by the container itself (400) before the console sees it.
            assertTrue(answer.status() == 404 || answer.status() == 400, path + " answered " + answer.status());
            assertFalse(answer.body().contains("<beans"), path);
        }
    }

    @Test
    void systemStatusIsForAdminsAndReportsDatabaseGridAndPunchCard() {
        Api api = new Api(base);
        assertEquals(401, api.get("dashboard/system/status").status());
        Api admin = api.asAdmin();
        String org = admin.createOrganization("Status");
        String member = admin.post("dashboard/organizations/" + org + "/users",
                "{\"email\":\"member-" + UUID.randomUUID() + "@example.test\",\"password\":\"member-password-1\"}").expect(201).data().getString("email");
        assertEquals(403, api.as(api.signIn(member, "member-password-1")).get("dashboard/system/status").status());

        JsonObject status = admin.get("dashboard/system/status").expect(200).data();
        assertEquals("UP", status.getJsonObject("database").getString("status"));
        assertTrue(List.of("running", "degraded", "stalled", "disabled").contains(status.getJsonObject("pull_engine").getString("state")));
        assertTrue(List.of("running", "stopped").contains(status.getJsonObject("punchcard").getString("api")));
        JsonObject cluster = status.getJsonObject("cluster");
        // The test server runs with clustering off, yet Payara keeps its grid: this instance is its only member.
        if (cluster.getString("mode").equals("cluster")) {
            assertEquals(1, cluster.getJsonArray("members").size());
            assertTrue(cluster.getJsonArray("members").getJsonObject(0).getBoolean("local"));
        } else {
            assertEquals("standalone", cluster.getString("mode"));
        }
        assertFalse(status.getString("instance").isBlank());
    }

    // ---------------------------------------------------------------- in the browser

    @Test
    void signsInShowsSystemStatusAndSignsOut() throws IOException {
        openBrowser();
        browser.get(console(""));
        waitFor(By.id("signin-email"));
        screenshot("console-sign-in.png");

        signIn(HollerithWar.ADMIN_EMAIL, "not the password");
        WebElement error = waitFor(By.cssSelector(".notice--error"));
        assertTrue(error.getText().contains("wrong"), error.getText());

        signIn(HollerithWar.ADMIN_EMAIL, HollerithWar.ADMIN_PASSWORD);
        waitFor(By.cssSelector("a[href='#/clients'][aria-current='page']"));
        List<String> sections = browser.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("Clients", "Organizations", "Integrations", "Punch card", "System status"), sections);

        browser.findElement(By.linkText("System status")).click();
        WebElement database = waitFor(By.cssSelector("#light-database[data-state='UP']"));
        assertTrue(database.getText().contains("Database"));
        waitFor(By.id("light-pull"));
        waitFor(By.id("light-punchcard"));
        waitFor(By.id("light-cluster"));
        waitFor(By.cssSelector("#cluster-members table, #cluster-members p"));
        screenshot("console-system-status.png");

        browser.findElement(By.id("sign-out")).click();
        waitFor(By.id("signin-email"));
        assertEquals(null, ((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('hollerith.token')"));
    }

    @Test
    void membersSeeOnlyTheirSections() {
        Api admin = new Api(base).asAdmin();
        String org = admin.createOrganization("Members");
        String email = "member-" + UUID.randomUUID() + "@example.test";
        admin.post("dashboard/organizations/" + org + "/users", "{\"email\":\"" + email + "\",\"password\":\"member-password-1\"}").expect(201);

        openBrowser();
        browser.get(console(""));
        signIn(email, "member-password-1");
        waitFor(By.cssSelector("a[href='#/organizations'][aria-current='page']"));
        List<String> sections = browser.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
        assertFalse(sections.contains("Clients"), sections.toString());
        browser.get(console("#/clients"));
        waitFor(By.cssSelector("a[href='#/organizations'][aria-current='page']"));
    }

    @Test
    void togglesAClientsWidgetThroughTheConfirmDialog() throws IOException {
        Api admin = new Api(base).asAdmin();
        String name = "Ada <img src=x onerror=alert(1)> " + UUID.randomUUID().toString().substring(0, 6);
        JsonObject client = admin.post("dashboard/clients", Json.createObjectBuilder().add("name", name)
                .add("ha_url", "http://127.0.0.1:" + fake.port()).add("ha_token", "ha-secret-token").build().toString()).expect(201).data();
        String id = client.getString("id");
        fake.stubFor(post(urlPathEqualTo("/api/widget/disable")).withRequestBody(matchingJsonPath("$.client_id", equalTo(id)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"success\":true,\"message\":\"Widget disabled successfully\"}")));

        openBrowserAsAdmin("#/clients");
        By box = By.cssSelector("input.widget-toggle[data-client-id='" + id + "']");
        WebElement toggle = waitFor(box);
        assertFalse(toggle.isSelected());
        assertEquals(1, browser.findElements(By.xpath("//td[text()=" + xpathLiteral(name) + "]")).size(), "the name is shown as text");

        // Cancel: nothing changes and nothing is sent.
        toggle.click();
        WebElement dialog = waitFor(By.cssSelector("dialog#confirm[open]"));
        assertTrue(dialog.getText().contains(name), dialog.getText());
        assertEquals("confirm-cancel", browser.switchTo().activeElement().getAttribute("id"), "focus moves into the dialog");
        browser.findElement(By.id("confirm-cancel")).click();
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog#confirm[open]")));
        assertFalse(browser.findElement(box).isSelected());
        assertEquals(0, fake.findAll(postRequestedFor(urlMatching(".*")).withRequestBody(matchingJsonPath("$.client_id", equalTo(id)))).size());

        // Confirm: the widget is told, and the console says so.
        browser.findElement(box).click();
        waitFor(By.cssSelector("dialog#confirm[open]"));
        browser.findElement(By.id("confirm-ok")).click();
        WebElement result = waitFor(By.cssSelector("#notification-result[data-delivered='true']"));
        assertTrue(result.getText().contains("notified (HTTP 200)"), result.getText());
        assertTrue(result.getText().contains("Widget disabled successfully"), result.getText());
        assertTrue(browser.findElement(box).isSelected());
        assertEquals(1, fake.findAll(postRequestedFor(urlPathEqualTo("/api/widget/disable"))
                .withRequestBody(matchingJsonPath("$.client_id", equalTo(id)))
                .withRequestBody(matchingJsonPath("$.disabled", equalTo("true")))).size());
        assertTrue(admin.get("dashboard/clients/" + id).expect(200).data().getBoolean("external_widget_disabled"));

        // The notification log, and the edit form that never shows the token.
        WebElement row = browser.findElement(box).findElement(By.xpath("ancestor::tr"));
        row.findElement(By.xpath(".//button[text()='Notifications']")).click();
        WebElement log = waitFor(By.cssSelector("#client-log table"));
        assertTrue(log.getText().contains("disable") && log.getText().contains("200"), log.getText());
        row = browser.findElement(box).findElement(By.xpath("ancestor::tr"));
        row.findElement(By.xpath(".//button[text()='Edit']")).click();
        WebElement token = waitFor(By.id("client-token"));
        assertEquals("password", token.getAttribute("type"));
        assertEquals("", token.getAttribute("value"));
        screenshot("console-clients.png");

        // A widget that fails: the change is kept, and the console shows the widget's error.
        fake.stubFor(post(urlPathEqualTo("/api/widget/disable")).withRequestBody(matchingJsonPath("$.client_id", equalTo(id)))
                .withRequestBody(matchingJsonPath("$.disabled", equalTo("false")))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"success\":false,\"error\":\"Widget store offline\"}")));
        browser.findElement(box).click();
        waitFor(By.cssSelector("dialog#confirm[open]"));
        browser.findElement(By.id("confirm-ok")).click();
        WebElement failure = waitFor(By.cssSelector("#notification-result[data-delivered='false']"));
        assertTrue(failure.getText().contains("not notified"), failure.getText());
        assertTrue(failure.getText().contains("500"), failure.getText());
        assertFalse(browser.findElement(box).isSelected());
        assertNoAlert();
    }

    @Test
    void createsAnIntegrationAndWriteOnlyCredentialsAndTestsThem() throws IOException {
        Api admin = new Api(base).asAdmin();
        String widget = "weather-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Weather\"}").expect(201);
        String org = admin.createOrganization("Integrations");
        fake.stubFor(get(urlPathEqualTo("/weather/" + widget)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"temperature\":21,\"condition\":\"sunny\"}")));

        openBrowserAsAdmin("#/integrations");
        WebElement widgetRow = waitFor(By.xpath("//code[text()='" + widget + "']/ancestor::tr"));
        widgetRow.findElement(By.xpath(".//button[text()='Integrations']")).click();
        waitFor(By.id("integration-form"));
        type(By.id("integration-name"), "openweather");
        type(By.id("integration-description"), "OpenWeather API Integration");
        type(By.id("integration-endpoint"), "http://127.0.0.1:" + fake.port() + "/weather/" + widget);
        type(By.id("integration-interval"), "1800");
        type(By.id("integration-credential-schema"),
                "{\"api_key\":{\"type\":\"string\",\"required\":true,\"label\":\"OpenWeather API Key\",\"sensitive\":true},"
                        + "\"username\":{\"type\":\"string\",\"label\":\"Account\"}}");
        type(By.id("integration-pull-config"), "{\"timeout\":5000,\"query\":{\"appid\":\"{{credentials.api_key}}\"}}");
        browser.findElement(By.cssSelector("#integration-form button[type='submit']")).click();

        WebElement apiKey = waitFor(By.id("credential-api_key"));
        assertEquals("password", apiKey.getAttribute("type"), "a sensitive field is a password input");
        assertEquals("text", browser.findElement(By.id("credential-username")).getAttribute("type"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("credential-organization"))).selectByValue(org);
        apiKey = waitFor(By.id("credential-api_key"));
        waitFor(By.xpath("//*[@id='credential-stored']//*[contains(., 'No credentials stored yet')]"));
        apiKey.sendKeys("secret-api-key-123");
        browser.findElement(By.id("credential-username")).sendKeys("ops");
        browser.findElement(By.cssSelector("#credential-form button[type='submit']")).click();
        WebElement stored = waitFor(By.xpath("//*[@id='credential-stored']//*[contains(., 'Credentials stored')]"));
        assertTrue(stored.getText().contains("username = ops"), stored.getText());
        assertFalse(stored.getText().contains("secret-api-key-123"));
        assertEquals("", browser.findElement(By.id("credential-api_key")).getAttribute("value"), "never filled back");

        browser.findElement(By.id("test-integration")).click();
        WebElement verdict = waitFor(By.cssSelector("#test-verdict [data-success='true']"));
        assertTrue(verdict.getText().startsWith("Test passed"), verdict.getText());
        assertEquals(1, fake.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/weather/" + widget))
                .withQueryParam("appid", equalTo("secret-api-key-123"))).size());
        waitFor(By.cssSelector("#pull-health"));
        assertFalse(browser.getPageSource().contains("secret-api-key-123"));
        screenshot("console-integrations.png", By.id("integration-detail"));

        // A widget config of that widget: its data appears once a read started the pull, and Refresh queues another.
        browser.get(console("#/organizations"));
        WebElement organizationRow = waitFor(By.xpath("//code[text()='" + org + "']/ancestor::tr"));
        organizationRow.findElement(By.xpath(".//button[text()='Open']")).click();
        new org.openqa.selenium.support.ui.Select(waitFor(By.id("config-widget"))).selectByValue(widget);
        type(By.id("config-name"), "Lobby weather");
        browser.findElement(By.xpath("//button[text()='Create config']")).click();
        WebElement configRow = waitFor(By.xpath("//div[@id='widget-configs']//td[text()='Lobby weather']/ancestor::tr"));
        WebElement version = null;
        for (int attempt = 0; attempt < 45 && version == null; attempt++) {
            browser.findElement(By.xpath("//div[@id='widget-configs']//td[text()='Lobby weather']/ancestor::tr//button[text()='Data']")).click();
            sleep(Duration.ofSeconds(1));
            version = browser.findElements(By.id("data-version")).stream().findFirst().orElse(null);
        }
        if (version == null) {
            long id = admin.get("dashboard/widgets/" + widget + "/integrations").expect(200).dataArray().getJsonObject(0).getJsonNumber("id").longValue();
            throw new AssertionError("No data after the first read started the pull. The console showed: "
                    + browser.findElement(By.id("widget-data")).getText() + "; pull jobs: "
                    + admin.get("dashboard/widget-integrations/" + id + "/pull-jobs").body() + "; upstream requests: "
                    + fake.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/weather/" + widget))).size());
        }
        assertEquals("success", browser.findElement(By.id("data-status")).getText());
        assertTrue(browser.findElement(By.cssSelector("#widget-data pre")).getText().contains("sunny"));
        configRow.findElement(By.xpath(".//button[text()='Refresh']")).click();
        assertTrue(waitFor(By.cssSelector("#widget-data .notice--ok")).getText().startsWith("Refresh queued"));

        long integrationId = admin.get("dashboard/widgets/" + widget + "/integrations").expect(200).dataArray().getJsonObject(0).getJsonNumber("id").longValue();
        JsonObject credential = admin.get("dashboard/organizations/" + org + "/widget-integrations/" + integrationId + "/credentials").expect(200).data();
        assertEquals("ops", credential.getJsonObject("metadata").getString("username"));
        assertFalse(credential.getJsonObject("metadata").containsKey("api_key"));
    }

    @Test
    void drawsThePunchCardAndSwitchesTheMessageApi() throws IOException {
        openBrowserAsAdmin("#/punchcard");
        waitFor(By.cssSelector("#light-api[data-state='running']"));
        waitFor(By.cssSelector("#light-hardware[data-state='mock']"));
        assertEquals(960, browser.findElements(By.cssSelector("#punch-card rect.hole")).size(), "12 rows × 80 columns");

        long id = sendFromConsole("AJS1/<> A");
        waitFor(By.xpath("//*[@id='card-caption'][contains(., 'message #" + id + " ')]"));
        waitFor(By.xpath("//*[@id='card-caption'][contains(., '80 of 80 columns')]"));
        String text = "AJS1/<> A";
        for (int column = 1; column <= text.length(); column++) {
            List<String> expected = IBM_029.get(text.charAt(column - 1));
            for (String row : ROWS) {
                WebElement hole = browser.findElement(By.cssSelector("#punch-card rect[data-row='" + row + "'][data-column='" + column + "']"));
                assertEquals(String.valueOf(expected.contains(row)), hole.getAttribute("data-punched"),
                        "column " + column + " ('" + text.charAt(column - 1) + "') row " + row);
            }
        }
        assertEquals("true", browser.findElement(By.cssSelector("#punch-card rect[data-row='12'][data-column='1']")).getAttribute("data-punched"));
        assertEquals(0, browser.findElements(By.cssSelector("#punch-card rect[data-column='10'][data-punched='true']")).size(), "column 10 is blank");
        waitFor(By.xpath("//*[@id='punchcard-history']//td[contains(., '" + id + "')]"));
        screenshot("console-punch-card.png", By.cssSelector("main h1"));

        browser.findElement(By.id("api-switch")).click();
        waitFor(By.cssSelector("#light-api[data-state='stopped']"));
        assertEquals("false", waitFor(By.id("api-switch")).getAttribute("aria-checked"));
        assertEquals(503, new Api(base).asAdmin().post("api/punchcard/messages", "{\"text\":\"LATE\"}").status());
        waitFor(By.xpath("//*[@id='punchcard-queue'][contains(., 'stopped')]"));

        browser.findElement(By.id("api-switch")).click();
        waitFor(By.cssSelector("#light-api[data-state='running']"));
        assertEquals("true", waitFor(By.id("api-switch")).getAttribute("aria-checked"));
    }

    @Test
    void showsAScriptMessageAsTextAndRunsNothing() {
        openBrowserAsAdmin("#/punchcard");
        waitFor(By.cssSelector("#light-api[data-state='running']"));
        String attack = "<script>alert(1)</script>";
        long id = sendFromConsole(attack);
        WebElement shown = waitFor(By.xpath("//*[@id='punchcard-history']//tr[td[1][text()='" + id + "']]//span[@class='message-text']"));
        assertEquals(attack.toUpperCase(), shown.getText());
        waitFor(By.xpath("//*[@id='card-caption'][contains(., 'message #" + id + " ')]"));
        assertEquals(0, browser.findElements(By.cssSelector("main script, main img")).size(), "no element was made from the text");
        assertNoAlert();
    }

    // ---------------------------------------------------------------- helpers

    void openBrowser() {
        Requirements.require(CHROMEDRIVER.canExecute() && new File(CHROMIUM).canExecute(),
                "Chromium and chromedriver for the console's browser tests (apt-get install chromium chromium-driver)");
        try {
            profile = Files.createTempDirectory("hollerith-chromium");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    void openBrowserAsAdmin(String route) {
        openBrowser();
        browser.get(console(""));
        signIn(HollerithWar.ADMIN_EMAIL, HollerithWar.ADMIN_PASSWORD);
        waitFor(By.cssSelector("#nav a"));
        browser.get(console(route));
        waitFor(By.cssSelector("#nav a[href='" + route + "'][aria-current='page']"));
    }

    void signIn(String email, String password) {
        WebElement field = waitFor(By.id("signin-email"));
        field.clear();
        field.sendKeys(email);
        WebElement secret = browser.findElement(By.id("signin-password"));
        secret.clear();
        secret.sendKeys(password);
        browser.findElement(By.id("signin-submit")).click();
    }

    long sendFromConsole(String text) {
        type(By.id("punchcard-text"), text);
        browser.findElement(By.cssSelector("#punchcard-form button[type='submit']")).click();
        String queued = waitFor(By.cssSelector("#send-feedback .notice--ok")).getText();
        return Long.parseLong(queued.replaceAll("^Queued message #(\\d+):.*$", "$1"));
    }

    void type(By locator, String text) {
        WebElement element = waitFor(locator);
        element.clear();
        element.sendKeys(text);
    }

    WebElement waitFor(By locator) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(locator));
        } catch (org.openqa.selenium.TimeoutException e) {
            String page = String.valueOf(((JavascriptExecutor) browser).executeScript("return document.body.innerText"));
            throw new AssertionError("Not shown: " + locator + "\nThe page showed:\n" + page, e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void assertNoAlert() {
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    }

    String console(String route) {
        return base.toString().replaceAll("/$", "") + "/admin/" + route;
    }

    void screenshot(String name) throws IOException {
        screenshot(name, null);
    }

    /** The viewport, scrolled to the top or to the part of the page that the picture is about. */
    void screenshot(String name, By about) throws IOException {
        JavascriptExecutor script = (JavascriptExecutor) browser;
        if (about == null) {
            script.executeScript("window.scrollTo(0, 0)");
        } else {
            script.executeScript("arguments[0].scrollIntoView({block: 'start'})", browser.findElement(about));
        }
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    static String xpathLiteral(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }
}

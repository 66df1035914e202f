package dev.hollerith.console.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsoleAssetTest {

    @ParameterizedTest
    @ValueSource(strings = {"..", "../index.html", "js/../index.html", "js/..", "/etc/passwd", "js//app.js", ".hidden",
            "js/.app.js", "..\\WEB-INF\\web.xml", "js\\app.js", "a/b/../../c.js", "%2e%2e/x.js", "index.html/", ""})
    void refusesPathsThatCouldLeaveTheConsoleFolder(String path) {
        assertFalse(ConsoleAsset.isSafe(path), path);
        assertTrue(ConsoleAsset.load(path).isEmpty(), path);
    }

    @Test
    void servesThePageAndItsModulesWithTheirTypes() {
        ConsoleAsset page = ConsoleAsset.load("index.html").orElseThrow();
        assertEquals("text/html; charset=utf-8", page.contentType());
        assertTrue(page.isPage());
        assertEquals("text/javascript; charset=utf-8", ConsoleAsset.load("js/app.js").orElseThrow().contentType());
        assertEquals("text/css; charset=utf-8", ConsoleAsset.load("css/console.css").orElseThrow().contentType());
    }

    @Test
    void unknownFilesAndUnservedTypesAreAbsent() {
        assertTrue(ConsoleAsset.load("missing.js").isEmpty());
        assertTrue(ConsoleAsset.load("js/app.class").isEmpty());
    }

    @Test
    void thePageHasNoInlineScriptOrStyle() {
        String page = new String(ConsoleAsset.load("index.html").orElseThrow().bytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(page.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "every script comes from a file (CSP script-src 'self')");
        assertFalse(page.contains("style="), "no inline styles (CSP style-src 'self')");
        assertFalse(page.contains("<style"), "no style blocks (CSP style-src 'self')");
    }

    /** Text from the API enters the page through textContent only; these would parse it as markup. */
    @Test
    void noScriptParsesMarkupFromStrings() throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/resources/console"))) {
            for (var file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                String code = java.nio.file.Files.readString(file);
                for (String sink : java.util.List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function")) {
                    assertFalse(code.contains(sink), file + " uses " + sink);
                }
            }
        }
    }
}

package dev.hollerith.console.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One file of the console, read from the classpath ({@code console/...} in the WAR's classes).
 * The JAX-RS application is mapped at {@code /}, so the servlet container's static file handling
 * never sees {@code /admin/}: the console serves its own files and must guard the path itself.
 */
public record ConsoleAsset(String path, String contentType, byte[] bytes) {

    static final String ROOT = "console/";
    public static final String INDEX = "index.html";

    /** Plain names only: no "..", no hidden files, no backslashes or encoded tricks survive this. */
    private static final Pattern SAFE_PATH = Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json");

    public static boolean isSafe(String path) {
        return path != null && SAFE_PATH.matcher(path).matches() && !path.contains("..");
    }

    /** Empty for an unsafe path, an unknown file, or a type the console does not serve. */
    public static Optional<ConsoleAsset> load(String path) {
        if (!isSafe(path)) {
            return Optional.empty();
        }
        String type = TYPES.get(extension(path));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = ConsoleAsset.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(new ConsoleAsset(path, type, in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isPage() {
        return contentType.startsWith("text/html");
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}

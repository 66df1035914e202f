package dev.hollerith.widgetdata.boundary;

/** The data version as an HTTP entity tag ({@code "42"}); {@code If-None-Match} may list several, weak or strong, or {@code *}. */
final class EntityTag {

    private EntityTag() {
    }

    static jakarta.ws.rs.core.EntityTag of(long version) {
        return new jakarta.ws.rs.core.EntityTag(Long.toString(version));
    }

    /** The same tag as a header value, without JAX-RS's header delegates (for the servlet shortcut). */
    static String header(long version) {
        return "\"" + version + "\"";
    }

    static boolean matches(String ifNoneMatch, long version) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String wanted = Long.toString(version);
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}

package dev.hollerith.outbound.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Replaces secret values in a text by {@code ***}. A secret filled into a URL reaches error texts
 * in the form the URL carried it (percent-encoded, in either hex case, or form-encoded), and an
 * upstream that echoes it in a Location header may use any of them: all are replaced, longest
 * first so that one secret inside another leaves no piece behind.
 */
public final class Redaction {

    public static final String MASK = "***";
    private static final Redaction NONE = new Redaction(List.of());

    private final List<String> forms;

    private Redaction(List<String> forms) {
        this.forms = forms;
    }

    public static Redaction of(Collection<String> secrets) {
        if (secrets == null || secrets.isEmpty()) {
            return NONE;
        }
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            forms.add(secret);
            String percent = percentEncode(secret);
            forms.add(percent);
            forms.add(lowerHex(percent));
            String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
            forms.add(form);
            forms.add(lowerHex(form));
        }
        List<String> ordered = forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        return new Redaction(ordered);
    }

    public String apply(String text) {
        if (text == null || forms.isEmpty()) {
            return text;
        }
        String redacted = text;
        for (String form : forms) {
            redacted = redacted.replace(form, MASK);
        }
        return redacted;
    }

    /**
     * RFC 3986: unreserved characters stay, everything else is %XX of its UTF-8 bytes. The one encoding
     * of values put into a URL: the pull request template encodes with it, so redaction finds what it put there.
     */
    public static String percentEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String lowerHex(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                out.append('%').append(encoded.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

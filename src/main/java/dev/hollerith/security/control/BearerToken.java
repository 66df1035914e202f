package dev.hollerith.security.control;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A presented token: {@code hk_<id>_<secret>} for an API key, {@code hs_<id>_<secret>} for a
 * session. The id part is not secret; it makes the lookup one indexed read, never a bcrypt scan.
 */
public record BearerToken(Kind kind, String id, String secret) {

    public enum Kind {
        API_KEY("hk"), SESSION("hs");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final Pattern FORMAT = Pattern.compile("(hk|hs)_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");

    public static Optional<BearerToken> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(token.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Kind kind = matcher.group(1).equals("hk") ? Kind.API_KEY : Kind.SESSION;
        return Optional.of(new BearerToken(kind, matcher.group(2), matcher.group(3)));
    }

    public static BearerToken issue(Kind kind) {
        return new BearerToken(kind, Secrets.randomHex(8), Secrets.randomToken(32));
    }

    /** The cache key: kind and id, never the secret. */
    public String cacheKey() {
        return kind.prefix + ":" + id;
    }

    @Override
    public String toString() {
        return kind.prefix + "_" + id + "_" + secret;
    }
}

package dev.hollerith.security.control;

import java.util.Optional;

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

    private static final int ID_LENGTH = 16;
    private static final int SECRET_LENGTH = 43;
    private static final int LENGTH = 3 + ID_LENGTH + 1 + SECRET_LENGTH;

    /** {@code (hk|hs)_[0-9a-f]{16}_[A-Za-z0-9_-]{43}}, checked by hand: it runs on every request. */
    public static Optional<BearerToken> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String t = token.trim();
        if (t.length() != LENGTH || t.charAt(2) != '_' || t.charAt(3 + ID_LENGTH) != '_') {
            return Optional.empty();
        }
        Kind kind = t.startsWith("hk") ? Kind.API_KEY : t.startsWith("hs") ? Kind.SESSION : null;
        if (kind == null) {
            return Optional.empty();
        }
        for (int i = 3; i < 3 + ID_LENGTH; i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return Optional.empty();
            }
        }
        for (int i = 4 + ID_LENGTH; i < LENGTH; i++) {
            char c = t.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return Optional.empty();
            }
        }
        return Optional.of(new BearerToken(kind, t.substring(3, 3 + ID_LENGTH), t.substring(4 + ID_LENGTH)));
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

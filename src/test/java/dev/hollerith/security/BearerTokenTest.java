package dev.hollerith.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.security.control.BearerToken;
import dev.hollerith.security.control.Caller;
import dev.hollerith.security.control.Role;
import dev.hollerith.security.control.Secrets;
import org.junit.jupiter.api.Test;

class BearerTokenTest {

    @Test
    void issuedTokenParsesBack() {
        BearerToken issued = BearerToken.issue(BearerToken.Kind.API_KEY);
        BearerToken parsed = BearerToken.parse(issued.toString()).orElseThrow();
        assertEquals(issued, parsed);
        assertTrue(issued.toString().startsWith("hk_"));
    }

    @Test
    void cacheKeyNeverContainsTheSecret() {
        BearerToken token = BearerToken.issue(BearerToken.Kind.SESSION);
        assertFalse(token.cacheKey().contains(token.secret()));
        assertEquals("hs:" + token.id(), token.cacheKey());
    }

    @Test
    void rejectsMalformedTokens() {
        assertTrue(BearerToken.parse(null).isEmpty());
        assertTrue(BearerToken.parse("").isEmpty());
        assertTrue(BearerToken.parse("hk_short_secret").isEmpty());
        assertTrue(BearerToken.parse("xx_0123456789abcdef_" + "a".repeat(43)).isEmpty());
        assertTrue(BearerToken.parse("hk_0123456789abcdef_" + "a".repeat(43) + "' OR 1=1").isEmpty());
        assertTrue(BearerToken.parse("hk_0123456789ABCDEF_" + "a".repeat(43)).isEmpty(), "the id is lower-case hex");
        assertTrue(BearerToken.parse("hk_0123456789abcdeg_" + "a".repeat(43)).isEmpty());
        assertTrue(BearerToken.parse("hk-0123456789abcdef_" + "a".repeat(43)).isEmpty());
        assertTrue(BearerToken.parse("hk_0123456789abcdef-" + "a".repeat(43)).isEmpty());
        assertTrue(BearerToken.parse("hk_0123456789abcdef_" + "a".repeat(42) + "=").isEmpty());
        assertTrue(BearerToken.parse("hk_0123456789abcdef_" + "a".repeat(42) + "\u00e9").isEmpty());
        assertEquals("hs", BearerToken.parse(" hs_0123456789abcdef_" + "_-Az09".repeat(7) + "x ").orElseThrow().cacheKey().substring(0, 2));
    }

    @Test
    void issuedTokensDiffer() {
        assertNotEquals(BearerToken.issue(BearerToken.Kind.API_KEY), BearerToken.issue(BearerToken.Kind.API_KEY));
    }

    @Test
    void bcryptVerifiesOnlyTheRightSecret() {
        String hash = Secrets.bcrypt("correct horse");
        assertTrue(Secrets.bcryptMatches("correct horse", hash));
        assertFalse(Secrets.bcryptMatches("correct hors", hash));
        assertFalse(Secrets.bcryptMatches("x", "not-a-bcrypt-hash"));
    }

    @Test
    void callerSurvivesTheCacheEncoding() {
        Caller member = new Caller("key:abc", Role.MEMBER, "org-1", "abc");
        Caller decoded = Caller.decode(member.encode());
        assertEquals("key:abc", decoded.id());
        assertEquals(Role.MEMBER, decoded.role());
        assertEquals("org-1", decoded.organizationId());
        assertEquals("abc", decoded.keyId());
        Caller admin = Caller.decode(new Caller("u1", Role.ADMIN, null, null).encode());
        assertTrue(admin.isAdmin());
        assertTrue(admin.canAccess("any-org"));
        assertFalse(decoded.canAccess("org-2"));
    }
}

package dev.hollerith.clients.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClientIdTest {

    @Test
    void looksLikeAMongoObjectIdWithItsCreationSecondFirst() {
        Instant now = Instant.parse("2024-01-15T10:30:00Z");
        String id = ClientId.generate(now);
        assertTrue(id.matches("[0-9a-f]{24}"), id);
        assertEquals(Long.toHexString(now.getEpochSecond()), id.substring(0, 8));
        assertEquals(now, ClientId.timestampOf(id));
    }

    @Test
    void seedExampleIdIsWellFormedAndItsTimestampReads() {
        assertTrue(ClientId.isWellFormed("507f1f77bcf86cd799439011"));
        assertEquals(Instant.parse("2012-10-17T21:13:27Z"), ClientId.timestampOf("507f1f77bcf86cd799439011"));
    }

    @Test
    void idsOfTheSameSecondDiffer() {
        Instant now = Instant.now();
        assertNotEquals(ClientId.generate(now), ClientId.generate(now));
    }

    @Test
    void rejectsAnythingButTwentyFourLowercaseHexDigits() {
        assertFalse(ClientId.isWellFormed(null));
        assertFalse(ClientId.isWellFormed(""));
        assertFalse(ClientId.isWellFormed("507F1F77BCF86CD799439011"));
        assertFalse(ClientId.isWellFormed("507f1f77bcf86cd79943901"));
        assertFalse(ClientId.isWellFormed("507f1f77bcf86cd7994390111"));
        assertFalse(ClientId.isWellFormed("507f1f77bcf86cd79943901g"));
        assertFalse(ClientId.isWellFormed("../../etc/passwd"));
    }
}

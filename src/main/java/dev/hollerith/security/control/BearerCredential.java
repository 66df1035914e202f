package dev.hollerith.security.control;

import jakarta.security.enterprise.credential.Credential;

/** The raw text after {@code Authorization: Bearer}. */
public record BearerCredential(String token) implements Credential {
}

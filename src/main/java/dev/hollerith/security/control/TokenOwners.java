package dev.hollerith.security.control;

import java.util.Optional;

/**
 * Who a presented token belongs to, looked up where keys and sessions are kept (the tenancy
 * component implements it). Security asks through this interface so that it never depends on the
 * component that depends on it for tokens, roles and hashing.
 */
public interface TokenOwners {

    /** The caller the token stands for; empty for an unknown, revoked, expired or wrong token. */
    Optional<Caller> resolve(BearerToken token);
}

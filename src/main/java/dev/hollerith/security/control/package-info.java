/** Callers, roles, tokens and their hashing; the identity store and its cluster-wide cache of verified tokens. */
package dev.hollerith.security.control;

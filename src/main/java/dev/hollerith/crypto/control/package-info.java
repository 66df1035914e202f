/** Envelope encryption: AES-256-GCM, per-owner data keys wrapped by a rotatable master key. */
package dev.hollerith.crypto.control;

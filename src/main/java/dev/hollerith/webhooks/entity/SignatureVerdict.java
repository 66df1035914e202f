package dev.hollerith.webhooks.entity;

import java.util.Locale;

/** What the signature check of a delivery concluded; stored in the delivery log under its lower-case name. */
public enum SignatureVerdict {
    /** every check the push_config asks for passed */
    VALID,
    /** a signature or API key was present but wrong, stale, or could not be checked (no usable secret) */
    INVALID,
    /** a header the push_config requires was absent */
    MISSING,
    /** a correctly signed Standard Webhooks id that was already accepted */
    REPLAY,
    /** the push_config asks for no check */
    NOT_REQUIRED,
    /** a stored payload applied again by a signed-in operator ("apply again"): no sender, no signature */
    OPERATOR;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean accepted() {
        return this == VALID || this == NOT_REQUIRED;
    }
}

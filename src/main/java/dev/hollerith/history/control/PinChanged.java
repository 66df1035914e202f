package dev.hollerith.history.control;

/**
 * A pin was set ({@code version} ≥ 1) or removed ({@code version} 0). Fired in the writing transaction
 * and applied to every instance's memory after it commits.
 */
public record PinChanged(String dataKey, long version) {
}

package dev.hollerith.platform.control;

/**
 * Fired (synchronously) when this instance has been asked to stop, after the requests in flight
 * were answered and while the database, the grid and every bean still work: the moment to hand
 * back what the instance holds (pull leases) so that another instance takes over at once instead
 * of after a lease timeout.
 */
public record InstanceStopping(String reason) {
}

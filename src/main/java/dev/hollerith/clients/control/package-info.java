/**
 * Seed 001: client records and the "Disable External Widget" toggle. The toggle commits the
 * database change first and only then notifies the client's widget through {@code outbound};
 * whatever the widget does, the change stays and the attempt is logged.
 */
package dev.hollerith.clients.control;

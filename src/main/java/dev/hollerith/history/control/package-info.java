/**
 * Data history and trust (issue 17): recording each new version where it is written, reading any
 * version back, rollback and release as new versions, pins kept in memory on every instance, and
 * pruning by count and age.
 */
package dev.hollerith.history.control;

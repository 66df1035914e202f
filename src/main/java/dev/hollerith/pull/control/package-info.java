/**
 * The pull engine. A per-instance timer is only a tick; the work is claimed in the database (due
 * {@code pull_job} rows are leased), so each pull runs once in the whole cluster however many
 * instances tick. Requests are built from the integration's {@code pull_config}, sent through
 * {@code outbound} (SSRF guard, limits), and a new version is published only when the content
 * changes; failures keep the last good data and back off with jitter.
 */
package dev.hollerith.pull.control;

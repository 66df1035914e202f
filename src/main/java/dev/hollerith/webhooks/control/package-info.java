/**
 * Inbound push (seed 002 "Webhooks"): the signature schemes of {@code push_config}, checked over the
 * raw body bytes before anything is parsed, replay protection, the ingest transaction and the delivery log.
 */
package dev.hollerith.webhooks.control;

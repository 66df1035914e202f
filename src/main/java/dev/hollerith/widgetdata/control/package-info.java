/**
 * Versioned widget data per (integration, discriminator): who shares a row (the discriminator),
 * publishing a new version when the content changes, and what a poll needs in memory (binding,
 * current version) kept coherent across the cluster so the hot path needs no database.
 */
package dev.hollerith.widgetdata.control;

/** The delivery log: one row per webhook delivery, accepted or rejected; never the secret, never the body. */
package dev.hollerith.webhooks.entity;

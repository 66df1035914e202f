/** Stored punch-card messages and the persisted on/off state of the message API. */
package dev.hollerith.punchcard.entity;

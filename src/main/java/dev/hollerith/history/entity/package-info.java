/**
 * The history of widget data: every version of a data key as an append-only row, and the pins that
 * hold players on one of them.
 */
package dev.hollerith.history.entity;

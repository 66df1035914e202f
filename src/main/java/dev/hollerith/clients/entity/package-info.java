/** Seed 001's clients (with their sealed Home Assistant token) and the log of external-widget notifications, as stored. */
package dev.hollerith.clients.entity;

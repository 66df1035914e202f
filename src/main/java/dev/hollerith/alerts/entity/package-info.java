/** Alerts of an organization (one row per condition while it is open) and where they are sent. */
package dev.hollerith.alerts.entity;

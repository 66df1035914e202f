/** An organization's alert endpoint and its open and resolved alerts. */
package dev.hollerith.alerts.boundary;

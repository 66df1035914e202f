/** The public webhook endpoint (POST deliveries, GET verification handshake) and the delivery log for the dashboard. */
package dev.hollerith.webhooks.boundary;

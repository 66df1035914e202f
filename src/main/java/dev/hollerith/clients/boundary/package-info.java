/** Admin endpoints for clients, their external-widget toggle and its notification log. */
package dev.hollerith.clients.boundary;

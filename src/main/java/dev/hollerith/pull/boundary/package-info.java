/**
 * HTTP API of the pull engine: a widget config's manual refresh (seed 002, 202 and a background
 * fetch) and the pull-job health of an integration.
 */
package dev.hollerith.pull.boundary;

/** The one HTTP client for tenant-supplied URLs, with the SSRF guard, deadlines and size caps. */
package dev.hollerith.outbound.control;

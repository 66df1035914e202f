/** Bearer-token authentication for every request (a servlet filter, registered first), role enforcement before resources run, the current caller. */
package dev.hollerith.security.boundary;

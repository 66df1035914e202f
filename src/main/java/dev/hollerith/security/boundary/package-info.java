/** Jakarta Security glue: the bearer-token authentication mechanism, role enforcement before resources run, the current caller. */
package dev.hollerith.security.boundary;

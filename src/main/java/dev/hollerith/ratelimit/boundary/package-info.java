/** Adds the earned RateLimit headers to responses. */
package dev.hollerith.ratelimit.boundary;

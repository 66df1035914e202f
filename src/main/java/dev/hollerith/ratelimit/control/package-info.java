/** Cluster-wide token buckets (Bucket4j over a grid JCache) and the RateLimit headers they earn. */
package dev.hollerith.ratelimit.control;

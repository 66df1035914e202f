/** A shared pull per (integration, discriminator): when it is due, who holds its lease, how it failed. */
package dev.hollerith.pull.entity;

/** Integration definitions and credentials (ciphertext plus non-sensitive metadata). */
package dev.hollerith.integrations.entity;

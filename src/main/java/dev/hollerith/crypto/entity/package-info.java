/** Wrapped data keys, one per owner, with the id of the master key that wrapped them. */
package dev.hollerith.crypto.entity;

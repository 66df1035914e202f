/** What the platform itself stores: the remembered answers of idempotent POSTs. */
package dev.hollerith.platform.entity;

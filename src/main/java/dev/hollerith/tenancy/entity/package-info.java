/** Organizations, users, sessions and API keys as stored. */
package dev.hollerith.tenancy.entity;

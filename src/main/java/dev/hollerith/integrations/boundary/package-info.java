/** HTTP API of seed 002's integrations: definitions, credentials of both scopes, the credential test. */
package dev.hollerith.integrations.boundary;

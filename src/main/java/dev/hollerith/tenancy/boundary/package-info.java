/** Sessions, organizations, users and API keys over HTTP. */
package dev.hollerith.tenancy.boundary;

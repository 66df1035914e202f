/** The punch-card message API (seed 000), its start/stop switch for admins, and its CORS filter. */
package dev.hollerith.punchcard.boundary;

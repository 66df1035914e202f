/** The admin console's HTTP side: its static files under {@code /admin/} and the system status it shows. */
package dev.hollerith.console.boundary;

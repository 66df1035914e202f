/** What the console needs that no other component reports: its files and the installation's overall status. */
package dev.hollerith.console.control;

/** HTTP API of widgets and widget configs (API.md): the catalogue, and organizations' configured instances. */
package dev.hollerith.widgets.boundary;

/** The operator's view of a widget config's data history: versions, rollback, release and pin. */
package dev.hollerith.history.boundary;

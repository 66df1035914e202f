/** Widgets and widget configs; options are validated against the config schemas of the widget's active integrations. */
package dev.hollerith.widgets.control;

/** Widgets (slug ids) and widget configs (UUID ids, options stored with defaults applied). */
package dev.hollerith.widgets.entity;

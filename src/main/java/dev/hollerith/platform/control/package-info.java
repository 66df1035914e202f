/** Cross-cutting building blocks: the exception family, field validation, the datasource, grid caches, JSON columns. */
package dev.hollerith.platform.control;

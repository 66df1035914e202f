/** Tenancy rules: who signs in, which keys exist, what each caller may see; start-up bootstrap of the first admin. */
package dev.hollerith.tenancy.control;

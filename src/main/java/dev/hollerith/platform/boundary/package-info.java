/** What every endpoint shares: the JAX-RS application, the one exception mapper, JSON configuration, body limits, health. */
package dev.hollerith.platform.boundary;

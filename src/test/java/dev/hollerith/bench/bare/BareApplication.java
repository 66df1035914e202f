package dev.hollerith.bench.bare;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The yardstick of {@code ReadPathBench}: a JAX-RS application with nothing in it but one resource. */
@ApplicationPath("/")
public class BareApplication extends Application {
}

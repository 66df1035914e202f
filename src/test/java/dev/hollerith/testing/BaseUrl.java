package dev.hollerith.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The field receives the shared server's base URL, e.g. {@code http://localhost:41234/} (see {@link SharedServer}). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface BaseUrl {
}

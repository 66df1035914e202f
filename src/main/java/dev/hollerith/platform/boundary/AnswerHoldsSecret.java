package dev.hollerith.platform.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method whose answer contains a secret shown only once (a new API key). The
 * idempotency store keeps no copy of such an answer: a repeated request is told that it already ran
 * instead of receiving the secret a second time from a database table.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AnswerHoldsSecret {
}

package dev.hollerith.platform.boundary;

/** The {@code {"data": ...}} wrapper of every successful answer in seed 002. */
public record Data<T>(T data) {

    public static <T> Data<T> of(T data) {
        return new Data<>(data);
    }
}

package dev.hollerith.widgetdata.control;

/**
 * The validators of a key's last stored answer ({@code ETag}, {@code Last-Modified}): what makes
 * the next upstream request conditional. Both null when the key holds no data yet.
 */
public record Validators(String etag, String lastModified) {

    public static final Validators NONE = new Validators(null, null);
}

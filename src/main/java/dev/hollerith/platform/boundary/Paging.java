package dev.hollerith.platform.boundary;

import dev.hollerith.platform.control.InvalidRequest;

/** {@code ?limit=&offset=} of list endpoints: limit 1..200 (default 50), offset from 0. */
public record Paging(int limit, int offset) {

    public static Paging of(Integer limit, Integer offset) {
        int l = limit == null ? 50 : limit;
        int o = offset == null ? 0 : offset;
        if (l < 1 || l > 200) {
            throw new InvalidRequest("limit must be between 1 and 200");
        }
        if (o < 0) {
            throw new InvalidRequest("offset must not be negative");
        }
        return new Paging(l, o);
    }
}

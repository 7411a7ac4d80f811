package dev.tierfeed.serving.resources;

import dev.tierfeed.core.FeedCursor;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.ListCursor;
import dev.tierfeed.serving.api.PageView;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import dev.tierfeed.core.ValidationException;
import dev.tierfeed.serving.errors.ApiException;
import jakarta.ws.rs.core.Response.Status;

/** Path and query parameters: a malformed one is a 400 Bad Request, not a domain error. */
final class Params {
    static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 20;

    private Params() {
    }

    static long id(String text, String what) {
        try {
            return Ids.parse(text, what);
        } catch (ValidationException e) {
            throw new ApiException(Status.BAD_REQUEST, e.code(), e.getMessage());
        }
    }

    static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(Status.BAD_REQUEST, "invalid_limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ", was '" + text + "'");
    }

    static FeedCursor pageToken(String text) {
        try {
            return FeedCursor.decode(text);
        } catch (ValidationException e) {
            throw new ApiException(Status.BAD_REQUEST, e.code(), e.getMessage());
        }
    }

    static ListCursor listCursor(String text) {
        try {
            return ListCursor.decode(text);
        } catch (ValidationException e) {
            throw new ApiException(Status.BAD_REQUEST, e.code(), e.getMessage());
        }
    }

    /**
     * A page of a list read with one row more than {@code size}: that extra row only tells that
     * there is a next page, which starts after the last row shown.
     */
    static <R, V> PageView<V> page(List<R> rows, int size, ToLongFunction<R> id, Function<R, V> view) {
        boolean more = rows.size() > size;
        List<R> shown = more ? rows.subList(0, size) : rows;
        String next = more ? new ListCursor(id.applyAsLong(shown.get(shown.size() - 1))).encode() : null;
        return new PageView<>(shown.stream().map(view).toList(), next);
    }

    static <T> T body(T body) {
        if (body == null) {
            throw new ValidationException("body_required", "a JSON request body is required");
        }
        return body;
    }
}

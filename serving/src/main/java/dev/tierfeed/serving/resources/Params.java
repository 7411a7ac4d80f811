package dev.tierfeed.serving.resources;

import dev.tierfeed.core.FeedCursor;
import dev.tierfeed.core.Ids;
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

    static <T> T body(T body) {
        if (body == null) {
            throw new ValidationException("body_required", "a JSON request body is required");
        }
        return body;
    }
}

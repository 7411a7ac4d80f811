package dev.tierfeed.serving.errors;

import jakarta.ws.rs.core.Response.Status;
import java.util.OptionalLong;

/**
 * A refusal with an HTTP status, a stable code and a message, rendered as an {@link ErrorView};
 * with a {@code Retry-After} (seconds) when the client may try again later.
 */
public final class ApiException extends RuntimeException {
    /** 423 Locked (WebDAV's status, which JAX-RS does not name). */
    public static final int LOCKED = 423;

    private final int status;
    private final String code;
    private final OptionalLong retryAfterSeconds;

    public ApiException(Status status, String code, String message) {
        this(status.getStatusCode(), code, message, OptionalLong.empty());
    }

    private ApiException(int status, String code, String message, OptionalLong retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(Status.NOT_FOUND, code, message);
    }

    /** 423: the resource is locked for {@code retryAfterSeconds} more. */
    public static ApiException locked(String code, String message, long retryAfterSeconds) {
        return new ApiException(LOCKED, code, message, OptionalLong.of(retryAfterSeconds));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

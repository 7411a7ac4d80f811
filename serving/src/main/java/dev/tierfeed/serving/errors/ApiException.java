package dev.tierfeed.serving.errors;

import jakarta.ws.rs.core.Response.Status;

/** A refusal with an HTTP status, a stable code and a message, rendered as an {@link ErrorView}. */
public final class ApiException extends RuntimeException {
    private final Status status;
    private final String code;

    public ApiException(Status status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(Status.NOT_FOUND, code, message);
    }

    public Status status() {
        return status;
    }

    public String code() {
        return code;
    }
}

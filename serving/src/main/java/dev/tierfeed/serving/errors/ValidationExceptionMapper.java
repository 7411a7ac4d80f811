package dev.tierfeed.serving.errors;

import dev.tierfeed.core.ValidationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A request body that breaks a domain rule: 422 Unprocessable Content. */
public final class ValidationExceptionMapper implements ExceptionMapper<ValidationException> {
    @Override
    public Response toResponse(ValidationException e) {
        return ErrorView.response(422, e.code(), e.getMessage());
    }
}

package dev.tierfeed.serving.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException e) {
        return ErrorView.response(e.status().getStatusCode(), e.code(), e.getMessage());
    }
}

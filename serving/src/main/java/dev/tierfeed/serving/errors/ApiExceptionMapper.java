package dev.tierfeed.serving.errors;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException e) {
        Response response = ErrorView.response(e.status(), e.code(), e.getMessage());
        e.retryAfterSeconds().ifPresent(seconds -> response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        return response;
    }
}

package dev.tierfeed.serving.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The body of every error response: {@code {"code": "...", "message": "..."}}. */
public record ErrorView(String code, String message) {

    public static Response response(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorView(code, message)).build();
    }
}

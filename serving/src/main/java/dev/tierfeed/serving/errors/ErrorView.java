package dev.tierfeed.serving.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/** The body of every error response: {@code {"code": "...", "message": "..."}}. */
public record ErrorView(String code, String message) {

    /** Refusals that may leave the request's body unread: the connection cannot carry another request. */
    private static final Set<Integer> BODY_LEFT_UNREAD = Set.of(411, 413, 415);

    public static Response response(int status, String code, String message) {
        Response.ResponseBuilder answer = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorView(code, message));
        if (BODY_LEFT_UNREAD.contains(status)) {
            // said before the answer is sent, so the client does not send its next request on a connection the server is closing
            answer.header("Connection", "close");
        }
        return answer.build();
    }
}

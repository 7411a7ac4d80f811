package dev.tierfeed.serving.auth;

import dev.tierfeed.serving.errors.ErrorView;
import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** A request without a valid bearer token: 401 with the API's JSON error and the scheme to use. */
public final class JsonUnauthorizedHandler implements UnauthorizedHandler {
    @Override
    public Response buildResponse(String prefix, String realm) {
        return Response.fromResponse(ErrorView.response(401, "unauthenticated",
                        "this request needs 'Authorization: Bearer <token>' with a token from POST /v1/sessions that has not expired"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm + "\"").build();
    }
}

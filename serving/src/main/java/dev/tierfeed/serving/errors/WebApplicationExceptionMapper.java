package dev.tierfeed.serving.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Locale;

/**
 * Jersey's own refusals (no such path, wrong method or media type) in the API's error shape; a
 * refusal that already carries an {@link ErrorView} (a malformed parameter) is passed on as it is; a
 * 405 keeps its {@code Allow} header.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        if (e.getResponse().getEntity() instanceof ErrorView) {
            return e.getResponse();
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        String code = status.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "_");
        Response answer = ErrorView.response(status.getStatusCode(), code, e.getMessage());
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        // a 405 says which methods the resource has (RFC 9110); Jersey's refusal carries them
        return allow == null ? answer : Response.fromResponse(answer).header(HttpHeaders.ALLOW, allow).build();
    }
}

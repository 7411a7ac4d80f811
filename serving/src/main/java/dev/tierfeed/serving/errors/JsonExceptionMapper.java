package dev.tierfeed.serving.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A body that is not JSON is 400; JSON of the wrong shape is 422: an unknown field {@code unknown_field}, a wrong type {@code invalid_body}. */
public final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refusal) { // from the body's stream, e.g. past the size limit
                return new ApiExceptionMapper().toResponse(refusal);
            }
        }
        if (e instanceof JsonParseException || e instanceof JsonEOFException) {
            return ErrorView.response(400, "malformed_json", "the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return ErrorView.response(422, "unknown_field", "the request body has a field this request does not take: '"
                    + unknown.getPropertyName() + "' (it takes " + unknown.getKnownPropertyIds() + ")");
        }
        return ErrorView.response(422, "invalid_body", "the request body does not have the expected fields and types: " + e.getOriginalMessage());
    }
}

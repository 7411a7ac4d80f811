package dev.tierfeed.serving.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A body that is not JSON is 400; JSON of the wrong shape (types, unknown fields) is 422. */
public final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
        if (e instanceof JsonParseException || e instanceof JsonEOFException) {
            return ErrorView.response(400, "malformed_json", "the request body is not valid JSON: " + e.getOriginalMessage());
        }
        return ErrorView.response(422, "invalid_body", "the request body does not have the expected fields: " + e.getOriginalMessage());
    }
}

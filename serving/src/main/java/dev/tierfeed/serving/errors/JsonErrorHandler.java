package dev.tierfeed.serving.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, before any resource runs — an ambiguous or malformed path, too
 * large a header, a request the HTTP parser refuses — in the API's JSON error shape instead of
 * Jetty's HTML page, whatever the client accepts.
 */
public final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Integer, String> CODES = Map.of(
            400, "bad_request", 404, "not_found", 405, "method_not_allowed", 408, "request_timeout", 413, "body_too_large",
            414, "uri_too_long", 415, "unsupported_media_type", 431, "headers_too_large", 500, "internal_error", 503, "unavailable");

    /** Every method gets the JSON body (Jetty writes a body only for GET, POST and HEAD by default: a refused TRACE had none). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return ByteBuffer.wrap(body(status, reason));
    }

    static byte[] body(int status, String reason) {
        String code = CODES.getOrDefault(status, "http_" + status);
        String message = reason == null || reason.isBlank() ? "the request was refused (HTTP " + status + ")" : reason;
        try {
            return JSON.writeValueAsBytes(new ErrorView(code, message));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

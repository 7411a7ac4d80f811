package dev.tierfeed.serving.resources;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI document of the API ({@code openapi.yaml} on the classpath, written by hand), public.
 * No {@code @Produces}: the document is YAML whatever the client accepts, so no request for it is 406.
 */
@Path("/v1/openapi.yaml")
public final class OpenApiResource {
    /** The document's place on the classpath. */
    public static final String DOCUMENT = "/openapi.yaml";
    public static final String MEDIA_TYPE = "application/yaml";

    private final byte[] document;

    public OpenApiResource() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is not on the classpath");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    public Response document() {
        return Response.ok(document, MEDIA_TYPE + "; charset=utf-8").build();
    }
}

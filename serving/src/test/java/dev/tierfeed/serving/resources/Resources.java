package dev.tierfeed.serving.resources;

import dev.tierfeed.serving.errors.ErrorMappers;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** A resource under test with the API's own error mappers and nothing of Dropwizard's, as the service runs it. */
final class Resources {
    private Resources() {
    }

    static ResourceExtension of(Object resource) {
        ResourceExtension.Builder builder = ResourceExtension.builder().setRegisterDefaultExceptionMappers(false).addResource(resource);
        ErrorMappers.all().forEach(builder::addProvider);
        return builder.build();
    }

    /** The {@code code} of an error response, checking its shape. */
    @SuppressWarnings("unchecked")
    static String codeOf(Response response) {
        Map<String, String> body = response.readEntity(Map.class);
        if (body.get("message") == null || body.get("message").isBlank()) {
            throw new AssertionError("an error without a message: " + body);
        }
        return body.get("code");
    }
}

package dev.tierfeed.serving.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tierfeed.serving.auth.BearerAuth;
import dev.tierfeed.serving.auth.Caller;
import dev.tierfeed.serving.errors.BodySizeLimit;
import dev.tierfeed.serving.errors.ErrorMappers;
import dev.tierfeed.serving.errors.StrictJson;
import dev.tierfeed.serving.resources.params.ApiParamConverters;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/** A resource under test with the API's own error mappers and nothing of Dropwizard's, as the service runs it. */
public final class Resources {
    private Resources() {
    }

    /** The body cap in resource tests, the service's default. */
    static final long MAX_BODY = 64 * 1024;

    /** The operator's token in resource tests. */
    public static final String OPERATOR = "Bearer operator";

    public static ResourceExtension of(Object resource, Object... providers) {
        ObjectMapper mapper = Jackson.newObjectMapper();
        StrictJson.apply(mapper);
        ResourceExtension.Builder builder = ResourceExtension.builder().setRegisterDefaultExceptionMappers(false).setMapper(mapper)
                .addResource(resource);
        ErrorMappers.all().forEach(builder::addProvider);
        builder.addProvider(new BodySizeLimit(MAX_BODY));
        builder.addProvider(new ApiParamConverters());
        for (Object provider : providers) {
            builder.addProvider(provider);
        }
        for (Object component : BearerAuth.components(Resources::caller)) {
            builder.addProvider(component);
        }
        return builder.build();
    }

    /** The {@code Authorization} header of a request made by the user: tokens here are {@code user-<id>}. */
    public static String as(long userId) {
        return "Bearer user-" + userId;
    }

    private static Optional<Caller> caller(String token) {
        if (token.equals("operator")) {
            return Optional.of(new Caller.Operator());
        }
        return token.startsWith("user-") ? Optional.of(new Caller.Member(Long.parseLong(token.substring(5)))) : Optional.empty();
    }

    /** The {@code code} of an error response, checking its shape. */
    @SuppressWarnings("unchecked")
    public static String codeOf(Response response) {
        Map<String, String> body = response.readEntity(Map.class);
        if (body.get("message") == null || body.get("message").isBlank()) {
            throw new AssertionError("an error without a message: " + body);
        }
        return body.get("code");
    }
}

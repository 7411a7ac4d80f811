package dev.tierfeed.serving.auth;

import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.jersey.setup.JerseyEnvironment;

/** Registers bearer-token authentication: a resource method's {@code @Auth Caller} (or {@code Optional<Caller>}) parameter turns it on. */
public final class BearerAuth {
    private BearerAuth() {
    }

    public static void register(JerseyEnvironment jersey, Authenticator<String, Caller> authenticator) {
        for (Object component : components(authenticator)) {
            jersey.register(component);
        }
    }

    /** The filter and the parameter binder, for the service and for resource tests. */
    public static Object[] components(Authenticator<String, Caller> authenticator) {
        return new Object[] {
            new AuthDynamicFeature(new OAuthCredentialAuthFilter.Builder<Caller>()
                    .setAuthenticator(authenticator)
                    .setPrefix("Bearer")
                    .setRealm("tierfeed")
                    .setUnauthorizedHandler(new JsonUnauthorizedHandler())
                    .buildAuthFilter()),
            new AuthValueFactoryProvider.Binder<>(Caller.class)
        };
    }
}

package dev.tierfeed.serving.metrics;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * Per-endpoint request metrics in Dropwizard's registry: a timer (the request rate, and the
 * latency until the answer is ready, asynchronous ones included, since response filters run when
 * an answer resumes) and meters of refused (4xx) and failed (5xx) answers, named
 * {@code tierfeed.http.<method>_<path template>}, e.g. {@code tierfeed.http.get_v1_users_id_feed.requests}.
 */
public final class EndpointMetrics implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String STARTED = EndpointMetrics.class.getName() + ".started";

    private final MetricRegistry registry;
    private final Map<ResourceMethod, Endpoint> endpoints = new ConcurrentHashMap<>();

    public EndpointMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    private record Endpoint(Timer requests, Meter refused, Meter failed) {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        ResourceMethod method = ((ExtendedUriInfo) request.getUriInfo()).getMatchedResourceMethod();
        if (started == null || method == null) {
            return; // not routed to a resource: an unknown path or method
        }
        Endpoint endpoint = endpoints.computeIfAbsent(method, m -> register(request));
        endpoint.requests().update(System.nanoTime() - (long) started, java.util.concurrent.TimeUnit.NANOSECONDS);
        int status = response.getStatus();
        if (status >= 500) {
            endpoint.failed().mark();
        } else if (status >= 400) {
            endpoint.refused().mark();
        }
    }

    private Endpoint register(ContainerRequestContext request) {
        String name = MetricRegistry.name("tierfeed.http", request.getMethod().toLowerCase(Locale.ROOT) + "_" + template(request));
        return new Endpoint(registry.timer(name + ".requests"), registry.meter(name + ".refused"), registry.meter(name + ".failed"));
    }

    /** The matched path template, e.g. /v1/users/{id}/feed as v1_users_id_feed. */
    private static String template(ContainerRequestContext request) {
        List<String> parts = new ArrayList<>();
        ((ExtendedUriInfo) request.getUriInfo()).getMatchedTemplates().forEach(template -> parts.add(0, template.getTemplate()));
        return String.join("/", parts).replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
    }
}

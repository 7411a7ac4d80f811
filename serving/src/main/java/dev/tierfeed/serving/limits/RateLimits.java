package dev.tierfeed.serving.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tierfeed.serving.auth.Caller;
import dev.tierfeed.serving.errors.ErrorView;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets (Bucket4j) per client: sign-ups and log-ins per client address, posts and uploads
 * and every other request per token's user (per address for requests without a token). A request
 * over its budget is 429 {@code rate_limited} with {@code Retry-After}. The operator is not
 * limited. Buckets live in each replica's memory: with N replicas behind a balancer a client may
 * get up to N times a budget (a shared store would make them global; not built).
 */
@Priority(Priorities.AUTHORIZATION)
public final class RateLimits implements ContainerRequestFilter {
    /** The budgets, each an amount per period. */
    public enum Budget {
        SIGN_UP("sign-ups"), LOG_IN("log-ins"), POST("posts and uploads"), REQUEST("requests");

        private final String spentBy;

        Budget(String spentBy) {
            this.spentBy = spentBy;
        }
    }

    public record Rate(long amount, Duration period) {
    }

    private final Map<Budget, Rate> rates;
    /** Whose bucket: a budget's, for a user or for a client address. */
    private record Client(Budget budget, String kind, String id) {
    }

    private final Cache<Client, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(10, TimeUnit.MINUTES).maximumSize(1_000_000).build();

    @Context
    private HttpServletRequest servletRequest;

    public RateLimits(Map<Budget, Rate> rates) {
        this.rates = Map.copyOf(rates);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Caller caller = request.getSecurityContext() == null ? null
                : request.getSecurityContext().getUserPrincipal() instanceof Caller c ? c : null;
        if (caller instanceof Caller.Operator) {
            return;
        }
        Budget budget = budgetOf(request.getMethod(), request.getUriInfo().getPath());
        Client client = budget != Budget.SIGN_UP && budget != Budget.LOG_IN && caller instanceof Caller.Member member
                ? new Client(budget, "user", Long.toString(member.id())) : new Client(budget, "address", address());
        Rate rate = rates.get(budget);
        ConsumptionProbe probe = buckets.get(client, key -> Bucket.builder()
                .addLimit(limit -> limit.capacity(rate.amount()).refillGreedy(rate.amount(), rate.period())).build())
                .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9));
            request.abortWith(Response.fromResponse(ErrorView.response(429, "rate_limited",
                    "too many " + budget.spentBy + " from this " + client.kind()
                            + ": at most " + rate.amount() + " per " + rate.period() + "; retry in " + seconds + " s"))
                    .header("Retry-After", seconds).build());
        }
    }

    static Budget budgetOf(String method, String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (method.equals("POST") && p.equals("v1/users")) {
            return Budget.SIGN_UP;
        }
        if (method.equals("POST") && p.equals("v1/sessions")) {
            return Budget.LOG_IN;
        }
        if (method.equals("POST") && (p.equals("v1/posts") || p.equals("v1/media"))) {
            return Budget.POST;
        }
        return Budget.REQUEST;
    }

    private String address() {
        return servletRequest == null ? "unknown" : servletRequest.getRemoteAddr();
    }
}

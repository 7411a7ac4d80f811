package dev.tierfeed.serving.limits;

import static dev.tierfeed.serving.resources.Resources.as;
import static dev.tierfeed.serving.resources.Resources.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tierfeed.serving.auth.Caller;
import dev.tierfeed.serving.limits.RateLimits.Budget;
import dev.tierfeed.serving.limits.RateLimits.Rate;
import dev.tierfeed.serving.resources.Resources;
import io.dropwizard.auth.Auth;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The budgets on their own: which requests spend which, per whom, and the 429 when one is spent. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RateLimitsTest {
    private static final ResourceExtension RESOURCE = Resources.of(new Endpoints(), new RateLimits(Map.of(
            Budget.SIGN_UP, new Rate(2, Duration.ofHours(1)),
            Budget.LOG_IN, new Rate(3, Duration.ofHours(1)),
            Budget.POST, new Rate(2, Duration.ofHours(1)),
            Budget.REQUEST, new Rate(4, Duration.ofHours(1)))));

    /** Stand-ins for the API's paths. */
    @Path("/v1")
    public static final class Endpoints {
        @POST
        @Path("users")
        public String signUp(@Auth Optional<Caller> caller) {
            return "{}";
        }

        @POST
        @Path("sessions")
        public String logIn() {
            return "{}";
        }

        @POST
        @Path("posts")
        public String post(@Auth Caller caller) {
            return "{}";
        }

        @GET
        @Path("users/feed")
        public String feed(@Auth Caller caller) {
            return "{}";
        }
    }

    @Test
    void eachBudgetIsSpentByItsOwnRequestsAndThen429WithRetryAfter() {
        assertThat(statuses(() -> RESOURCE.target("/v1/users").request().post(Entity.json("{}")), 3)).containsExactly(200, 200, 429);
        assertThat(statuses(() -> RESOURCE.target("/v1/sessions").request().post(Entity.json("{}")), 4)).containsExactly(200, 200, 200, 429);
        assertThat(statuses(() -> RESOURCE.target("/v1/posts").request().header("Authorization", as(1)).post(Entity.json("{}")), 3))
                .containsExactly(200, 200, 429);
        // another user has budgets of their own; reads are not posts
        assertThat(statuses(() -> RESOURCE.target("/v1/posts").request().header("Authorization", as(2)).post(Entity.json("{}")), 1))
                .containsExactly(200);
        assertThat(statuses(() -> RESOURCE.target("/v1/users/feed").request().header("Authorization", as(1)).get(), 5))
                .containsExactly(200, 200, 200, 200, 429);

        Response refused = RESOURCE.target("/v1/users/feed").request().header("Authorization", as(1)).get();
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getHeaderString("Retry-After"))).isBetween(1L, 3600L);
        assertThat(codeOf(refused)).isEqualTo("rate_limited");
    }

    @Test
    void theOperatorIsNotLimited() {
        for (int i = 0; i < 10; i++) {
            assertThat(RESOURCE.target("/v1/users").request().header("Authorization", Resources.OPERATOR).post(Entity.json("{}")).getStatus())
                    .isEqualTo(200);
        }
    }

    private static java.util.List<Integer> statuses(java.util.function.Supplier<Response> request, int times) {
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < times; i++) {
            statuses.add(request.get().getStatus());
        }
        return statuses;
    }
}

package dev.tierfeed.systemtests;

import static dev.tierfeed.systemtests.Api.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rate limits on the real stack, with the default request budget (100 a second, per user, or per
 * address without a token). Which request spends which budget, and for whom, is shown with small
 * budgets by {@code RateLimitsTest} in {@code serving}.
 */
@ExtendWith(TierfeedStackExtension.class)
class RateLimitTest {

    @Test
    void aClientOverItsRequestBudgetGets429WithRetryAfterWhileAUserWithATokenDoesNot(TestStack stack) throws Exception {
        Api api = Api.of(stack);
        String user = api.createUser("FREE");
        Api anonymous = api.anonymous();

        // 1,000 public reads from this address at once, from 32 threads: far more than 100 a second
        List<Api.Reply> replies = all(1000, () -> anonymous.get("/v1/users/" + user));
        Api.Reply forTheUser = api.get("/v1/users/" + user + "/feed?limit=1"); // the user's own budget

        long served = replies.stream().filter(reply -> reply.status() == 200).count();
        Api.Reply refused = replies.stream().filter(reply -> reply.status() == 429).findFirst().orElseThrow();
        assertThat(served).isGreaterThanOrEqualTo(100).isLessThan(1000);
        assertThat(replies).allMatch(reply -> reply.status() == 200 || reply.status() == 429);
        assertError(refused, 429, "rate_limited");
        assertThat(Long.parseLong(refused.raw().headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
        assertThat(forTheUser.status()).isEqualTo(200);
        // the budget refills: the address is served again (and the next tests find it so)
        await("the address's budget to refill").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> anonymous.get("/v1/users/" + user).status() == 200);
    }

    private static List<Api.Reply> all(int count, java.util.concurrent.Callable<Api.Reply> request) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(32);
        List<Future<Api.Reply>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sent.add(threads.submit(request));
            }
        } finally {
            threads.shutdown();
        }
        List<Api.Reply> replies = new ArrayList<>();
        for (Future<Api.Reply> reply : sent) {
            replies.add(reply.get());
        }
        return replies;
    }
}

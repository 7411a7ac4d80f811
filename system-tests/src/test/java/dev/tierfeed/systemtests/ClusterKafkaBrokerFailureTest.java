package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cluster mode: one of the three Kafka brokers is killed (kill -9) under ingest. Every topic has
 * three replicas and takes a write once two have it, so the producer goes on with the two left and
 * no request fails; with a second broker down a post cannot reach two replicas and is refused with
 * 503, never acknowledged. Once both are back, posts are accepted again and nothing acknowledged is lost.
 */
@ExtendWith(TierfeedStackExtension.class)
class ClusterKafkaBrokerFailureTest {
    private static final Duration PROGRESS = Duration.ofMinutes(1);

    @Test
    void oneBrokerDownLosesNothingAndTwoDownRefusePosts(TestStack stack) {
        Api api = Api.of(stack);
        ClusterWorld world = ClusterWorld.create(api, 3, 3);
        String author = world.authors().iterator().next();
        ClusterLoad load = world.startLoad(api);
        try (load) {
            load.awaitProgress(200, PROGRESS);
            stack.crash("kafka-2");
            load.awaitProgress(400, PROGRESS);
        }
        assertThat(load.failures()).as("requests that failed with one broker down").isEmpty();

        stack.crash("kafka-3");
        Api.Reply refused = api.post("/v1/posts", Api.json("authorId", author, "text", "two brokers down"));
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(503);
        assertThat(refused.text("code")).isEqualTo("log_unavailable");

        stack.restart();
        await("posts to be accepted again").atMost(PROGRESS).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.post("/v1/posts", Api.json("authorId", author, "text", "brokers back")).status() == 202);
        ClusterReconciliation.reconcile("kafka-2 killed", stack, api, load, world.authors(), world.viewers());
    }
}

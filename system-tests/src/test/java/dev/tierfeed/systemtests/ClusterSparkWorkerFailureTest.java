package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cluster mode: a Spark worker is killed (kill -9) while the streaming job runs micro-batch after
 * micro-batch under load. Its executor goes with it; Spark runs the lost tasks again on the other
 * worker's executor, and the fan-out's writes are idempotent upserts, so every post is in each
 * follower's speed view once: the rows are counted, not only the ids.
 */
@ExtendWith(TierfeedStackExtension.class)
class ClusterSparkWorkerFailureTest {
    private static final Duration PROGRESS = Duration.ofMinutes(1);

    @Test
    void aKilledWorkersTasksAreRunAgainAndNothingIsDoubled(TestStack stack) {
        Api api = Api.of(stack);
        ClusterWorld world = ClusterWorld.create(api, 3, 3);
        ClusterLoad load = world.startLoad(api);
        try (load) {
            load.awaitProgress(200, PROGRESS);
            stack.crash("spark-worker-1");
            load.awaitProgress(400, PROGRESS);
            stack.restart();
            load.awaitProgress(200, PROGRESS);
        }
        assertThat(load.failures()).as("requests that failed").isEmpty();
        ClusterReconciliation.reconcile("spark-worker-1 killed", stack, api, load, world.authors(), world.viewers());
    }
}

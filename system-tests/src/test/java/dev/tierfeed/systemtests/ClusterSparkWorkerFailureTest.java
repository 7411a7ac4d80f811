package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tierfeed.stack.ClusterLayout;
import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cluster mode: a Spark worker is killed (kill -9) while the streaming job runs micro-batch after
 * micro-batch under load. Its executor goes with it; Spark runs the lost tasks again on the other
 * worker's executor, and the fan-out's writes are idempotent upserts, so every post is in each
 * follower's speed view once: the rows are counted, not only the ids. And a worker killed while the
 * nightly batch computes the premium backlogs: the batch redoes the lost tasks and completes, and
 * the new generation holds each pending post of each viewer once.
 */
@ExtendWith(TierfeedStackExtension.class)
class ClusterSparkWorkerFailureTest {
    private static final Duration PROGRESS = ClusterWorld.PROGRESS;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aKilledWorkersTasksAreRunAgainAndNothingIsDoubled(TestStack stack) {
        Api api = Api.of(stack);
        ClusterWorld world = ClusterWorld.create(api, 3, 3);
        ClusterLoad load = world.killUnderLoad(stack, api, "spark-worker-1");
        assertThat(load.failures()).as("requests that failed").isEmpty();
        ClusterReconciliation.reconcile("spark-worker-1 killed", stack, api, load, world.authors(), world.viewers());
    }

    @Test
    void aWorkerKilledDuringTheNightlyBatchIsRedoneAndEachBacklogRowIsThereOnce(TestStack stack) throws Exception {
        Api api = Api.of(stack);
        ClusterWorld world = ClusterWorld.create(api, 3, 3);
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            posts.add(api.createPost(List.copyOf(world.authors()).get(i % 3), "before the cutoff " + i));
        }
        api.awaitPersisted(PROGRESS, posts.toArray(String[]::new));
        Instant cutoff = Instant.now();

        CompletableFuture<String> batch = CompletableFuture.supplyAsync(() -> stack.runBatch(cutoff));
        String worker = await("an executor of the nightly batch on a worker").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> workerRunning(stack, "tierfeed-nightly-batch"), Optional::isPresent).orElseThrow();
        stack.crash(worker);
        assertThat(batch).as("the batch, still running when its worker was killed").isNotDone();
        String output;
        try {
            output = batch.get(10, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            throw new AssertionError("the nightly batch did not complete in 10 minutes after " + worker + " was killed; the master's view: "
                    + stack.sparkMaster().toPrettyString(), e);
        }
        stack.restart();

        try (CqlSession cql = Cql.open(stack)) {
            long generation = cql.execute("SELECT generation FROM batch_pointer WHERE view_name = 'premium_backlog'").one().getLong(0);
            for (String viewer : world.viewers()) {
                assertThat(cql.execute(SimpleStatement.newInstance("SELECT count(*) FROM batch_view_g" + generation + " WHERE viewer_id = ?",
                        Long.parseLong(viewer)).setConsistencyLevel(DefaultConsistencyLevel.QUORUM)).one().getLong(0))
                        .as("backlog rows of %s in generation %d (the batch said:%n%s)", viewer, generation, output).isEqualTo(posts.size());
            }
        }
        System.out.printf("%s killed during the nightly batch: it completed; %d backlog rows for each of %d viewers%n",
                worker, posts.size(), world.viewers().size());
    }

    /** The worker (its part's name) running an executor of the application named {@code app}, if one does. */
    private static Optional<String> workerRunning(TestStack stack, String app) throws Exception {
        JsonNode master = stack.sparkMaster();
        Set<String> appIds = new HashSet<>();
        master.path("activeapps").forEach(candidate -> {
            if (candidate.path("name").asText().equals(app) && candidate.path("state").asText().equals("RUNNING")) {
                appIds.add(candidate.path("id").asText());
            }
        });
        for (JsonNode worker : master.path("workers")) {
            if (!worker.path("state").asText().equals("ALIVE")) {
                continue;
            }
            JsonNode detail = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(worker.path("webuiaddress").asText() + "/json/"))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode executor : detail.path("executors")) {
                if (appIds.contains(executor.path("appid").asText())) {
                    return Optional.of(ClusterLayout.sparkWorkerAt(worker.path("host").asText()));
                }
            }
        }
        return Optional.empty();
    }
}

package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The streaming job after a crash: it resumes from its checkpoint, loses nothing, doubles nothing. */
@ExtendWith(TierfeedStackExtension.class)
class StreamingRecoveryTest {
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @Test
    void aCrashedStreamingJobResumesFromItsCheckpointWithoutLossOrDuplicates(TestStack stack) {
        Api api = new Api(stack.apiUri());
        String author = api.createUser("PREMIUM");
        String viewer = api.createUser("FREE");
        api.follow(viewer, author);
        String first = api.createPost(author, "before the crash");
        api.awaitFeedContaining(viewer, DELIVERY, first);
        List<String> duringOutage = new ArrayList<>();

        stack.crashStreaming(() -> {
            // posts acknowledged while the job is down wait in Kafka
            duringOutage.add(api.createPost(author, "during the outage 1"));
            duringOutage.add(api.createPost(author, "during the outage 2"));
            // forget that the last micro-batch finished, so it is replayed
            Checkpoints.forgetLastCommit(stack.streamingCheckpoint());
        });

        List<String> feed = api.awaitFeedContaining(viewer, DELIVERY, duringOutage.toArray(String[]::new));
        assertThat(feed).containsExactly(duringOutage.get(1), duringOutage.get(0), first);
        for (String post : feed) {
            assertThat(api.get("/v1/posts/" + post).status()).isEqualTo(200);
        }
    }

    @Test
    void aRestartedIdleStreamingJobReportsHealthyAgain(TestStack stack) {
        Api admin = new Api(stack.adminUri());
        stack.crashStreaming(() -> { });

        // up() already waited for the job's first heartbeat; the service's check must agree
        await("the streaming health check to pass").atMost(Duration.ofSeconds(10)).pollInterval(Api.POLL)
                .until(() -> admin.get("/healthcheck").body().path("streaming").path("healthy").asBoolean());
    }
}

package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The streaming job after a crash: it resumes from its checkpoint, loses nothing, doubles nothing. */
@ExtendWith(TierfeedStackExtension.class)
class StreamingRecoveryTest {
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @Test
    void aCrashedStreamingJobReplaysItsUncommittedBatchAndWritesEveryPostOnce(TestStack stack) {
        Api api = Api.of(stack);
        String author = api.createUser("PREMIUM");
        String viewer = api.createUser("FREE");
        api.follow(viewer, author);
        String first = api.createPost(author, "before the crash");
        api.awaitFeedContaining(viewer, DELIVERY, first);
        // the feed shows a post before its batch commits; crash only once nothing is in flight
        await("the streaming query to commit its batches").atMost(DELIVERY).pollInterval(Api.POLL)
                .until(() -> Checkpoints.isIdle(stack.streamingCheckpoint()));
        List<String> duringOutage = new ArrayList<>();
        AtomicLong forgotten = new AtomicLong();

        stack.crashStreaming(() -> {
            // posts acknowledged while the job is down wait in Kafka
            duringOutage.add(api.createPost(author, "during the outage 1"));
            duringOutage.add(api.createPost(author, "during the outage 2"));
            // forget that the last micro-batch finished, so it is replayed
            forgotten.set(Checkpoints.forgetLastCommit(stack.streamingCheckpoint()));
        });

        await("the forgotten batch " + forgotten + " to be run and committed again").atMost(DELIVERY).pollInterval(Api.POLL)
                .until(() -> Checkpoints.isCommitted(stack.streamingCheckpoint(), forgotten.get()));
        List<String> feed = api.awaitFeedContaining(viewer, DELIVERY, duringOutage.toArray(String[]::new));
        assertThat(feed).containsExactly(duringOutage.get(1), duringOutage.get(0), first);
        // the API de-duplicates by post id, so count what the job wrote: one row per post, no more
        try (CqlSession cql = Cql.open(stack)) {
            assertThat(count(cql, "SELECT count(*) FROM speed_view WHERE viewer_id = ?", Long.parseLong(viewer)))
                    .as("speed-view rows of the viewer").isEqualTo(3);
            assertThat(count(cql, "SELECT count(*) FROM posts_by_author WHERE author_id = ?", Long.parseLong(author)))
                    .as("posts_by_author rows of the author").isEqualTo(3);
            assertThat(count(cql, "SELECT count(*) FROM posts WHERE id IN ?", feed.stream().map(Long::parseLong).toList()))
                    .as("posts rows").isEqualTo(3);
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

    private static long count(CqlSession cql, String query, Object value) {
        return cql.execute(SimpleStatement.newInstance(query, value)).one().getLong(0);
    }
}

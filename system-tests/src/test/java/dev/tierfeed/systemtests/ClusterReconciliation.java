package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.tierfeed.core.Post;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a fault test checks once its load has stopped and the killed part is back: every post the
 * API acknowledged is in the log; the log's posts of the test's authors are each in Cassandra once,
 * in each follower's speed view once (rows counted, not ids) and in each follower's feed; and the
 * lake holds the whole log, once. Prints the figures the README quotes.
 */
final class ClusterReconciliation {
    private static final Duration CATCH_UP = Duration.ofMinutes(3);
    private static final int PAGE = 100;

    private ClusterReconciliation() {
    }

    /** Reconciles after {@code fault}; every viewer follows every author, and nothing has been shown to them. */
    static void reconcile(String fault, TestStack stack, Api api, ClusterLoad load, Set<String> authors, List<String> viewers) {
        List<String> acknowledged = load.acknowledged();
        Set<Long> authorIds = new HashSet<>(authors.stream().map(Long::parseLong).toList());
        List<Post> logged = EventLog.posts(stack).stream().filter(post -> authorIds.contains(post.authorId())).toList();
        Set<String> inLog = new HashSet<>(logged.stream().map(post -> Long.toString(post.id())).toList());
        assertThat(inLog).as("posts in the log").containsAll(acknowledged);
        assertThat(logged).as("posts in the log, each once").hasSameSizeAs(inLog);
        try (CqlSession cql = Cql.open(stack)) {
            await("every post of the log in Cassandra").atMost(CATCH_UP).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(postsStored(cql, inLog)).as("posts in Cassandra").isEqualTo(inLog.size()));
            for (String viewer : viewers) {
                await("every post in the speed view of " + viewer).atMost(CATCH_UP).pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> assertThat(speedViewRows(cql, viewer)).as("speed-view rows of " + viewer).isEqualTo(inLog.size()));
            }
        }
        for (String viewer : viewers) {
            List<String> feed = api.wholeFeed(viewer, PAGE).stream().map(entry -> entry.substring(0, entry.indexOf(':'))).toList();
            assertThat(feed).as("the feed of " + viewer).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(inLog);
        }
        await("the lake to hold every event of the log once").atMost(CATCH_UP).pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(Lake.rows(stack)).isEqualTo(Lake.perDay(EventLog.posts(stack), EventLog.events(stack))));
        System.out.printf("%s: %d posts acknowledged, %d feed pages read, %d requests failed; %d posts in the log, in Cassandra, "
                        + "in the lake and in each of %d feeds (%d speed-view rows)%n",
                fault, acknowledged.size(), load.reads(), load.failures().size(), inLog.size(), viewers.size(), inLog.size() * viewers.size());
    }

    private static long postsStored(CqlSession cql, Set<String> ids) {
        List<Long> all = ids.stream().map(Long::parseLong).toList();
        long found = 0;
        for (int from = 0; from < all.size(); from += PAGE) {
            found += cql.execute(SimpleStatement.newInstance("SELECT count(*) FROM posts WHERE id IN ?", all.subList(from, Math.min(all.size(), from + PAGE)))
                    .setConsistencyLevel(DefaultConsistencyLevel.QUORUM)).one().getLong(0);
        }
        return found;
    }

    private static long speedViewRows(CqlSession cql, String viewer) {
        return cql.execute(SimpleStatement.newInstance("SELECT count(*) FROM speed_view WHERE viewer_id = ?", Long.parseLong(viewer))
                .setConsistencyLevel(DefaultConsistencyLevel.QUORUM)).one().getLong(0);
    }
}

package dev.tierfeed.streaming;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.tierfeed.core.DeliveryPolicy;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.WatchingWindow;
import dev.tierfeed.streaming.FanOutPlanner.Decision;
import dev.tierfeed.streaming.FanOutPlanner.Follower;
import dev.tierfeed.streaming.FanOutPlanner.SpeedRow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Persists posts and writes their fan-out to the speed view: reads each author's followers and
 * the presence the FREE posts need, lets {@link FanOutPlanner} (and through it {@code core})
 * decide, and writes the rows.
 *
 * <p>Every write is an upsert keyed by ids the service generated, and "watching at t" looks
 * only at presence up to t, so writing a post again (a replay after a crash) writes the same
 * rows with the same expiry. Writes run asynchronously, a bounded number at a time: the
 * semaphore holds back the calling task thread, which the driver's own request throttler would
 * not (it queues, then rejects, once its limit is reached).
 */
final class FanOutWriter {
    private static final int MAX_IN_FLIGHT = 256;
    private static final int FOLLOWER_PAGE = 5000;

    private final CqlSession session;
    private final FanOutPlanner planner;
    private final Clock clock;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final PreparedStatement insertPost;
    private final PreparedStatement insertPostByAuthor;
    private final PreparedStatement followers;
    private final PreparedStatement presence;
    private final PreparedStatement insertSpeedRow;

    FanOutWriter(CqlSession session, String keyspace, DeliveryPolicy policy, Clock clock) {
        this.session = session;
        this.planner = new FanOutPlanner(policy);
        this.clock = clock;
        this.insertPost = session.prepare("INSERT INTO " + keyspace + ".posts (id, author_id, tier, text, created_at) VALUES (?, ?, ?, ?, ?)");
        this.insertPostByAuthor = session.prepare("INSERT INTO " + keyspace
                + ".posts_by_author (author_id, id, tier, text, created_at) VALUES (?, ?, ?, ?, ?)");
        this.followers = session.prepare("SELECT follower_id, since FROM " + keyspace + ".followers WHERE followee_id = ?");
        this.presence = session.prepare("SELECT seen_at FROM " + keyspace
                + ".presence WHERE viewer_id = ? AND seen_at >= ? AND seen_at <= ?");
        this.insertSpeedRow = session.prepare("INSERT INTO " + keyspace
                + ".speed_view (viewer_id, tier_rank, post_id, author_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?) USING TTL ?");
    }

    /**
     * Writes every post and all its deliveries and waits for them; returns the number of
     * speed-view rows written. Only the calling (Spark task) thread ever blocks, on the limit of
     * requests in flight; driver callbacks never do.
     */
    long write(List<Post> posts) {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (Post post : posts) {
            writes.add(execute(insertPost.bind(post.id(), post.authorId(), post.tier().name(), post.text().value(), post.createdAt())));
            writes.add(execute(insertPostByAuthor.bind(post.authorId(), post.id(), post.tier().name(), post.text().value(), post.createdAt())));
        }
        Instant now = clock.instant();
        List<Decision> decisions = planner.decide(posts, followersOf(FanOutPlanner.authors(posts)), now);
        List<SpeedRow> rows = FanOutPlanner.rows(decisions, presenceWithin(FanOutPlanner.presenceToRead(decisions)));
        for (SpeedRow row : rows) {
            Post post = row.post();
            writes.add(execute(insertSpeedRow.bind(row.viewerId(), post.tier().rank(), post.id(), post.authorId(),
                    post.text().value(), post.createdAt(), row.ttlSeconds())));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        return rows.size();
    }

    private Map<Long, List<Follower>> followersOf(Iterable<Long> authors) {
        Map<Long, List<Follower>> result = new HashMap<>();
        for (long author : authors) {
            List<Follower> list = new ArrayList<>();
            for (Row row : session.execute(followers.bind(author).setPageSize(FOLLOWER_PAGE))) {
                list.add(new Follower(row.getLong("follower_id"), row.getInstant("since")));
            }
            result.put(author, list);
        }
        return result;
    }

    private Map<Long, List<Instant>> presenceWithin(Map<Long, WatchingWindow> spans) {
        Map<Long, CompletableFuture<List<Instant>>> reads = new HashMap<>();
        spans.forEach((viewer, span) -> reads.put(viewer, execute(presence.bind(viewer, span.from(), span.until()))
                .thenCompose(page -> instants(page, new ArrayList<>()))));
        Map<Long, List<Instant>> result = new HashMap<>();
        reads.forEach((viewer, read) -> result.put(viewer, read.join()));
        return result;
    }

    private static CompletableFuture<List<Instant>> instants(AsyncResultSet page, List<Instant> into) {
        page.currentPage().forEach(row -> into.add(row.getInstant("seen_at")));
        return page.hasMorePages()
                ? page.fetchNextPage().toCompletableFuture().thenCompose(next -> instants(next, into))
                : CompletableFuture.completedFuture(into);
    }

    /** Executes with at most {@link #MAX_IN_FLIGHT} requests outstanding; blocks the caller, never a driver thread. */
    private CompletableFuture<AsyncResultSet> execute(Statement<?> statement) {
        inFlight.acquireUninterruptibly();
        return session.executeAsync(statement).whenComplete((result, error) -> inFlight.release()).toCompletableFuture();
    }
}

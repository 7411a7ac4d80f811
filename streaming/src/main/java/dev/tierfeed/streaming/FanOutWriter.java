package dev.tierfeed.streaming;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.tierfeed.core.FollowHistory;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.TierRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Persists posts and fans each out to the speed view of every follower it is addressed to,
 * with the tier rules of {@code core}: PREMIUM and STANDARD to every follower who followed the
 * author when it was posted, FREE only to those who were watching then; each row with its
 * tier's TTL counted from the post's creation.
 *
 * <p>Every write is an upsert keyed by ids the service generated, and "watching at t" looks
 * only at presence up to t, so writing a post again (a replay after a crash) writes the same
 * rows with the same expiry. Writes run asynchronously, a bounded number at a time.
 */
final class FanOutWriter {
    private static final int MAX_IN_FLIGHT = 256;
    private static final int FOLLOWER_PAGE = 5000;

    private final CqlSession session;
    private final TierRules rules;
    private final Clock clock;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final PreparedStatement insertPost;
    private final PreparedStatement insertPostByAuthor;
    private final PreparedStatement followers;
    private final PreparedStatement presence;
    private final PreparedStatement insertSpeedRow;

    FanOutWriter(CqlSession session, String keyspace, TierRules rules, Clock clock) {
        this.session = session;
        this.rules = rules;
        this.clock = clock;
        this.insertPost = session.prepare("INSERT INTO " + keyspace + ".posts (id, author_id, tier, text, created_at) VALUES (?, ?, ?, ?, ?)");
        this.insertPostByAuthor = session.prepare("INSERT INTO " + keyspace
                + ".posts_by_author (author_id, id, tier, text, created_at) VALUES (?, ?, ?, ?, ?)");
        this.followers = session.prepare("SELECT follower_id, since FROM " + keyspace + ".followers WHERE followee_id = ?");
        this.presence = session.prepare("SELECT seen_at FROM " + keyspace
                + ".presence WHERE viewer_id = ? AND seen_at >= ? AND seen_at <= ? LIMIT 1");
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
        AtomicLong delivered = new AtomicLong();
        Instant now = clock.instant();
        for (Post post : posts) {
            writes.add(execute(insertPost.bind(post.id(), post.authorId(), post.tier().name(), post.text().value(), post.createdAt())));
            writes.add(execute(insertPostByAuthor.bind(post.authorId(), post.id(), post.tier().name(), post.text().value(), post.createdAt())));
            Optional<Duration> ttl = rules.speedViewTtl(post, now);
            if (ttl.isEmpty()) {
                continue; // too old to be pending anywhere: persist it, deliver nothing
            }
            SpeedRow row = viewer -> insertSpeedRow.bind(viewer, post.tier().ordinal(), post.id(),
                    post.authorId(), post.text().value(), post.createdAt(), ttlSeconds(ttl.get()));
            for (Row follower : session.execute(followers.bind(post.authorId()).setPageSize(FOLLOWER_PAGE))) {
                long viewer = follower.getLong("follower_id");
                if (viewer == post.authorId() || !FollowHistory.following(follower.getInstant("since")).addresses(post)) {
                    continue;
                }
                if (post.tier() == Tier.FREE) {
                    writes.add(execute(presence.bind(viewer, rules.watchingSince(post.createdAt()), post.createdAt()))
                            .thenCompose(result -> wasWatching(result, post)
                                    ? session.executeAsync(row.forViewer(viewer)).thenApply(done -> delivered.incrementAndGet())
                                    : CompletableFuture.completedFuture(0L)));
                } else {
                    writes.add(execute(row.forViewer(viewer)).thenApply(done -> delivered.incrementAndGet()));
                }
            }
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        return delivered.get();
    }

    private boolean wasWatching(AsyncResultSet result, Post post) {
        List<Instant> activity = new ArrayList<>();
        result.currentPage().forEach(r -> activity.add(r.getInstant("seen_at")));
        return rules.isWatching(activity, post.createdAt());
    }

    /**
     * Whole seconds, rounded up, plus one: Cassandra counts a TTL from the write time truncated
     * to the second, so without the extra second a row could expire up to a second before its
     * tier's lifetime ends. Serving filters by age exactly; the row only has to outlive the rule.
     */
    private static int ttlSeconds(Duration ttl) {
        return (int) ((ttl.toMillis() + 999) / 1000) + 1;
    }

    /** Executes with at most {@link #MAX_IN_FLIGHT} requests outstanding; blocks the caller, never a driver thread. */
    private CompletableFuture<AsyncResultSet> execute(Statement<?> statement) {
        inFlight.acquireUninterruptibly();
        return session.executeAsync(statement).whenComplete((result, error) -> inFlight.release()).toCompletableFuture();
    }

    @FunctionalInterface
    private interface SpeedRow {
        Statement<?> forViewer(long viewer);
    }
}

package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tierfeed.core.TierRules;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Records that a viewer is watching: one row per feed request or heartbeat, kept as long as the
 * fan-out may need it ({@link TierRules#presenceLifetime()}); the fan-out reads it, and so do feed
 * reads for the FREE posts of pulled authors.
 */
public final class PresenceStore {
    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement within;
    private final int ttlSeconds;

    public PresenceStore(CqlSession session, TierRules rules) {
        this.session = session;
        this.insert = Cql.prepare(session, "INSERT INTO presence (viewer_id, seen_at) VALUES (?, ?) USING TTL ?");
        this.within = Cql.prepare(session, "SELECT seen_at FROM presence WHERE viewer_id = ? AND seen_at >= ? AND seen_at <= ?");
        this.ttlSeconds = TierRules.ttlSeconds(rules.presenceLifetime());
    }

    public void record(long viewer, Instant at) {
        session.execute(insert.bind(viewer, at, ttlSeconds));
    }

    /** The viewer's stored presence from {@code from} to {@code until}, both included (for a pulled FREE post). */
    public CompletableFuture<List<Instant>> within(long viewer, Instant from, Instant until) {
        return AsyncRows.all(session.executeAsync(within.bind(viewer, from, until)))
                .thenApply(rows -> rows.stream().map(row -> row.getInstant(0)).toList());
    }

    /** {@link #record}, without waiting: the stage completes once Cassandra has the row. */
    public CompletableFuture<Void> recordAsync(long viewer, Instant at) {
        return session.executeAsync(insert.bind(viewer, at, ttlSeconds)).toCompletableFuture().thenApply(written -> null);
    }
}

package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tierfeed.core.TierRules;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Records that a viewer is watching: one row per feed request or heartbeat, kept as long as the
 * fan-out may need it ({@link TierRules#presenceLifetime()}); the fan-out reads it.
 */
public final class PresenceStore {
    private final CqlSession session;
    private final PreparedStatement insert;
    private final int ttlSeconds;

    public PresenceStore(CqlSession session, TierRules rules) {
        this.session = session;
        this.insert = session.prepare("INSERT INTO presence (viewer_id, seen_at) VALUES (?, ?) USING TTL ?");
        this.ttlSeconds = TierRules.ttlSeconds(rules.presenceLifetime());
    }

    public void record(long viewer, Instant at) {
        session.execute(insert.bind(viewer, at, ttlSeconds));
    }

    /** {@link #record}, without waiting: the stage completes once Cassandra has the row. */
    public CompletableFuture<Void> recordAsync(long viewer, Instant at) {
        return session.executeAsync(insert.bind(viewer, at, ttlSeconds)).toCompletableFuture().thenApply(written -> null);
    }
}

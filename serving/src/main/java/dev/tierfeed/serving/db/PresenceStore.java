package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

/**
 * Records that a viewer is watching: one row per feed request or heartbeat, kept as long as a
 * free post can be pending (the free retention); the fan-out reads it.
 */
public final class PresenceStore {
    private final CqlSession session;
    private final PreparedStatement insert;
    private final int ttlSeconds;

    public PresenceStore(CqlSession session, Duration keepFor) {
        this.session = session;
        this.insert = session.prepare("INSERT INTO presence (viewer_id, seen_at) VALUES (?, ?) USING TTL ?");
        this.ttlSeconds = (int) Math.max(1, keepFor.toSeconds());
    }

    public void record(long viewer, Instant at) {
        session.execute(insert.bind(viewer, at, ttlSeconds));
    }
}

package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.Optional;

/** Reads when the streaming query last reported progress (it writes {@code stream_heartbeat}). */
public final class StreamHeartbeatStore {
    private final CqlSession session;
    private final PreparedStatement lastProgress;

    public StreamHeartbeatStore(CqlSession session) {
        this.session = session;
        this.lastProgress = session.prepare("SELECT last_progress FROM stream_heartbeat WHERE query_name = ?");
    }

    public Optional<Instant> lastProgress(String query) {
        return Optional.ofNullable(session.execute(lastProgress.bind(query)).one()).map((Row row) -> row.getInstant("last_progress"));
    }
}

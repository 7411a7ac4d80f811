package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Reads what a streaming query last reported with its heartbeat (it writes {@code stream_heartbeat}). */
public final class StreamHeartbeatStore {
    private final CqlSession session;
    private final PreparedStatement read;

    /**
     * A streaming query's last report.
     *
     * @param lastBeat         when it last reported being alive
     * @param processedOffsets per partition of the posts topic, the offset its last completed batch ended at
     * @param postsTotal       posts processed since the job started
     * @param rowsTotal        speed-view rows written since the job started
     * @param batchMillis      how long its last batch took
     * @param inputRowsPerSecond the input rate Spark measured over its last batch
     * @param newestPost       the creation time of the newest post it has processed
     * @param logReadAt        when the last completed batch that read the log to its end started
     */
    public record StreamProgress(Instant lastBeat, Map<Integer, Long> processedOffsets, long postsTotal, long rowsTotal,
                                 long batchMillis, double inputRowsPerSecond, Optional<Instant> newestPost, Optional<Instant> logReadAt) {
    }

    public StreamHeartbeatStore(CqlSession session) {
        this.session = session;
        this.read = Cql.prepare(session, "SELECT last_progress, processed_offsets, posts_total, rows_total, batch_duration_ms,"
                + " input_rows_per_second, newest_post_at, log_read_at FROM stream_heartbeat WHERE query_name = ?");
    }

    public Optional<StreamProgress> progress(String query) {
        return Optional.ofNullable(session.execute(read.bind(query)).one()).map(StreamHeartbeatStore::toProgress);
    }

    public Optional<Instant> lastProgress(String query) {
        return progress(query).map(StreamProgress::lastBeat);
    }

    private static StreamProgress toProgress(Row row) {
        return new StreamProgress(row.getInstant("last_progress"), row.getMap("processed_offsets", Integer.class, Long.class),
                row.getLong("posts_total"), row.getLong("rows_total"), row.getLong("batch_duration_ms"),
                row.getDouble("input_rows_per_second"), Optional.ofNullable(row.getInstant("newest_post_at")),
                Optional.ofNullable(row.getInstant("log_read_at")));
    }
}

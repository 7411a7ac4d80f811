package dev.tierfeed.streaming;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat of one of the job's other queries (the ingest statistics, the lake) in
 * {@code stream_heartbeat}, under the query's name: alive and not stuck, with its last batch and
 * input, so the service's health checks see a query that stopped or hangs. The fan-out's own,
 * with its offsets and totals, is {@link StreamHeartbeat}'s. In an application without the fan-out,
 * the first beat marks the application ready (the ready file), as the fan-out's does in its own.
 */
final class QueryBeat implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryBeat.class);

    private final String name;
    private final Supplier<StreamingQuery> query;
    private final CqlSession session;
    private final PreparedStatement beat;
    private final Optional<Path> readyFile;
    private final Clock clock;
    private final StreamHeartbeat.StuckWatch stuck = new StreamHeartbeat.StuckWatch();

    QueryBeat(String name, Supplier<StreamingQuery> query, CqlSession session, String keyspace, Optional<Path> readyFile, Clock clock) {
        this.name = name;
        this.readyFile = readyFile;
        this.query = query;
        this.session = session;
        this.clock = clock;
        this.beat = Cql.prepare(session, "UPDATE " + keyspace + ".stream_heartbeat SET last_progress = ?, last_batch_id = ?, input_rows = ?,"
                + " input_rows_per_second = ? WHERE query_name = ?");
    }

    @Override
    public void run() {
        try {
            Instant now = clock.instant();
            StreamingQuery current = query.get();
            if (current == null || !current.isActive() || current.status().message().startsWith("Initializing")) {
                return;
            }
            StreamingQueryProgress last = current.lastProgress();
            if (stuck.isStuck(current.status().isTriggerActive(), last == null ? -1 : last.batchId(), now)) {
                return;
            }
            session.execute(beat.bind(now, last == null ? null : last.batchId(), last == null ? null : last.numInputRows(),
                    last == null ? null : last.inputRowsPerSecond(), name));
            StreamHeartbeat.markReady(readyFile, now);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not record the heartbeat of the {} query: {}", name, e.toString());
        }
    }
}

package dev.tierfeed.streaming;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tierfeed.core.StorageNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records in {@code stream_heartbeat}, every few seconds, that the query is alive and how far it
 * has got (the Kafka offsets its last batch ended at, its totals, the newest post it processed),
 * for the service's health checks and metrics; marks the job ready on the first beat. It watches
 * the query itself rather than its progress events, because a restarted query with nothing to do
 * reports no progress. A query whose current micro-batch has run longer than {@link #STUCK_AFTER}
 * is not alive; one that completes batch after batch is.
 */
final class StreamHeartbeat implements Runnable {
    static final Duration STUCK_AFTER = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(StreamHeartbeat.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<StreamingQuery> query;
    private final FanOutProgress progress;
    private final CqlSession session;
    private final PreparedStatement beat;
    private final PreparedStatement beatBeforeProgress;
    private final Optional<Path> readyFile;
    private final String topic;
    private final Clock clock;
    private final StuckWatch stuck = new StuckWatch();

    StreamHeartbeat(Supplier<StreamingQuery> query, FanOutProgress progress, CqlSession session, FanOutOptions options, Clock clock) {
        this.query = query;
        this.progress = progress;
        this.session = session;
        this.readyFile = options.readyFile();
        this.topic = options.postsTopic();
        this.clock = clock;
        this.beat = Cql.prepare(session, "INSERT INTO " + options.keyspace() + ".stream_heartbeat (query_name, last_progress, last_batch_id,"
                + " input_rows, processed_offsets, posts_total, rows_total, batch_duration_ms, input_rows_per_second, newest_post_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        // a restarted query has no progress to report yet: where the last one got to stays as it was
        this.beatBeforeProgress = Cql.prepare(session, "UPDATE " + options.keyspace() + ".stream_heartbeat SET last_progress = ?"
                + " WHERE query_name = ?");
    }

    @Override
    public void run() {
        try {
            Instant now = clock.instant();
            StreamingQuery current = query.get();
            if (!current.isActive() || current.status().message().startsWith("Initializing") || isStuck(current, now)) {
                return;
            }
            StreamingQueryProgress last = current.lastProgress();
            FanOutProgress.Totals totals = progress.totals();
            if (last == null) {
                session.execute(beatBeforeProgress.bind(now, StorageNames.FAN_OUT_QUERY));
            } else {
                session.execute(beat.bind(StorageNames.FAN_OUT_QUERY, now, last.batchId(), last.numInputRows(), endOffsets(last),
                        totals.posts(), totals.rows(), totals.lastBatchMillis(), last.inputRowsPerSecond(), totals.newestPost().orElse(null)));
            }
            if (readyFile.isPresent() && !Files.exists(readyFile.get())) {
                Files.writeString(readyFile.get(), now.toString());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not record the heartbeat: {}", e.toString());
        }
    }

    /** The offsets, per partition of the posts topic, that the last completed batch ended at. */
    private Map<Integer, Long> endOffsets(StreamingQueryProgress last) {
        Map<Integer, Long> offsets = new HashMap<>();
        if (last.sources().length == 0 || last.sources()[0].endOffset() == null) {
            return offsets;
        }
        try {
            JsonNode partitions = JSON.readTree(last.sources()[0].endOffset()).path(topic);
            partitions.fields().forEachRemaining(entry -> offsets.put(Integer.parseInt(entry.getKey()), entry.getValue().asLong()));
        } catch (IOException e) {
            LOG.warn("unreadable end offsets {}: {}", last.sources()[0].endOffset(), e.toString());
        }
        return offsets;
    }

    private boolean isStuck(StreamingQuery current, Instant now) {
        StreamingQueryProgress last = current.lastProgress();
        return stuck.isStuck(current.status().isTriggerActive(), last == null ? -1 : last.batchId(), now);
    }

    /**
     * Whether one micro-batch has been running longer than {@link #STUCK_AFTER}. A busy query runs
     * batch after batch, so a trigger seen active at every look is not stuck as long as batches
     * complete: the time counts from when the trigger was first seen active after the last
     * completed batch changed.
     */
    static final class StuckWatch {
        private Instant activeSince;
        private long batchWhenActive = Long.MIN_VALUE;

        boolean isStuck(boolean triggerActive, long lastCompletedBatch, Instant now) {
            if (!triggerActive) {
                activeSince = null;
                return false;
            }
            if (activeSince == null || lastCompletedBatch != batchWhenActive) {
                activeSince = now;
                batchWhenActive = lastCompletedBatch;
                return false;
            }
            return Duration.between(activeSince, now).compareTo(STUCK_AFTER) > 0;
        }
    }
}

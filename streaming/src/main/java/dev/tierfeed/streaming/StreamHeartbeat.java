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
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records in {@code stream_heartbeat}, every few seconds, that the query is alive and how far it
 * has got (the Kafka offsets its last batch ended at, its totals, the newest post it processed),
 * for the service's health checks and metrics; marks the job ready on the first beat. It also
 * records when the fan-out last read the log to its end ({@code log_read_at}: the start of the
 * last completed batch that read everything the log held when it was planned), from which serving
 * knows which posts have all been fanned out ({@code core}'s {@code SeenRange#fannedOutThrough}). It watches
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
    private Optional<Instant> logReadAt = Optional.empty();

    StreamHeartbeat(Supplier<StreamingQuery> query, FanOutProgress progress, CqlSession session, FanOutOptions options, Clock clock) {
        this.query = query;
        this.progress = progress;
        this.session = session;
        this.readyFile = options.readyFile();
        this.topic = options.postsTopic();
        this.clock = clock;
        this.beat = Cql.prepare(session, "INSERT INTO " + options.keyspace() + ".stream_heartbeat (query_name, last_progress, last_batch_id,"
                + " input_rows, processed_offsets, posts_total, rows_total, batch_duration_ms, input_rows_per_second, newest_post_at, log_read_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
                readToTheEnd(last, topic).filter(at -> logReadAt.isEmpty() || at.isAfter(logReadAt.get())).ifPresent(at -> logReadAt = Optional.of(at));
                var statement = beat.bind(StorageNames.FAN_OUT_QUERY, now, last.batchId(), last.numInputRows(), endOffsets(last.sources(), topic),
                        totals.posts(), totals.rows(), totals.lastBatchMillis(), last.inputRowsPerSecond(), totals.newestPost().orElse(null),
                        logReadAt.orElse(null));
                // not known yet (a restarted job): what the last job recorded stays
                session.execute(logReadAt.isPresent() ? statement : statement.unset("log_read_at"));
            }
            markReady(readyFile, now);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not record the heartbeat: {}", e.toString());
        }
    }

    /** Creates the application's ready file, if it has one and it is not there yet: the stack waits for it. */
    static void markReady(Optional<Path> readyFile, Instant now) throws IOException {
        if (readyFile.isPresent() && !Files.exists(readyFile.get())) {
            Files.writeString(readyFile.get(), now.toString());
        }
    }

    /** The offsets, per partition of the posts topic, that the last completed batch ended at. */
    private static Map<Integer, Long> endOffsets(SourceProgress[] sources, String topic) {
        return sources.length == 0 ? Map.of() : offsets(sources[0].endOffset(), topic);
    }

    /**
     * When the batch of {@code progress} started, if it read everything the log held when it was
     * planned (it ended at the offsets the log ended at then: not held back by the most a batch
     * may read): every post in the log by then is fanned out once that batch completed.
     */
    static Optional<Instant> readToTheEnd(StreamingQueryProgress progress, String topic) {
        return progress.sources().length == 0 ? Optional.empty()
                : readToTheEnd(progress.sources()[0].endOffset(), progress.sources()[0].latestOffset(), progress.timestamp(), topic);
    }

    /** {@link #readToTheEnd(StreamingQueryProgress, String)} from the batch's end offsets, the log's then, and its start. */
    static Optional<Instant> readToTheEnd(String endOffset, String latestOffset, String startedAt, String topic) {
        Map<Integer, Long> latest = offsets(latestOffset, topic);
        return !latest.isEmpty() && offsets(endOffset, topic).equals(latest) ? Optional.of(Instant.parse(startedAt)) : Optional.empty();
    }

    /** Kafka offsets as Spark reports them ({@code {"posts":{"0":12,"1":7}}}), of one topic. */
    private static Map<Integer, Long> offsets(String json, String topic) {
        Map<Integer, Long> offsets = new HashMap<>();
        if (json == null) {
            return offsets;
        }
        try {
            JsonNode partitions = JSON.readTree(json).path(topic);
            partitions.fields().forEachRemaining(entry -> offsets.put(Integer.parseInt(entry.getKey()), entry.getValue().asLong()));
        } catch (IOException e) {
            LOG.warn("unreadable offsets {}: {}", json, e.toString());
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

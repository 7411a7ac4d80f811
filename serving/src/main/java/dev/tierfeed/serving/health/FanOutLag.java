package dev.tierfeed.serving.health;

import dev.tierfeed.core.StorageNames;
import dev.tierfeed.serving.db.StreamHeartbeatStore;
import dev.tierfeed.serving.db.StreamHeartbeatStore.StreamProgress;
import dev.tierfeed.serving.events.LogPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How far the fan-out is behind the log: the posts accepted but not yet processed (the topic's end
 * offsets minus where the streaming job's last batch ended) and, when there are any, how old the
 * newest processed post is, which is about how long a post now waits. Read at most once per
 * {@link #REFRESH}, for the metrics and the lag check.
 */
public final class FanOutLag {
    static final Duration REFRESH = Duration.ofSeconds(1);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(3);

    private final StreamHeartbeatStore heartbeats;
    private final LogPublisher log;
    private final Clock clock;
    private volatile Reading last;

    /** The lag and the streaming job's report it was computed from (empty before the job's first report). */
    public record Reading(Instant at, long records, Duration behind, Optional<StreamProgress> progress) {
    }

    public FanOutLag(StreamHeartbeatStore heartbeats, LogPublisher log, Clock clock) {
        this.heartbeats = heartbeats;
        this.log = log;
        this.clock = clock;
    }

    public Reading current() throws Exception {
        Reading reading = last;
        Instant now = clock.instant();
        if (reading == null || Duration.between(reading.at(), now).compareTo(REFRESH) > 0) {
            reading = read(now);
            last = reading;
        }
        return reading;
    }

    private Reading read(Instant now) throws Exception {
        Optional<StreamProgress> progress = heartbeats.progress(StorageNames.FAN_OUT_QUERY);
        Map<Integer, Long> ends = log.endOffsets(KAFKA_TIMEOUT);
        Map<Integer, Long> processed = progress.map(StreamProgress::processedOffsets).orElse(Map.of());
        long records = ends.entrySet().stream().mapToLong(end -> Math.max(0, end.getValue() - processed.getOrDefault(end.getKey(), 0L))).sum();
        Duration behind = records == 0 ? Duration.ZERO
                : progress.flatMap(StreamProgress::newestPost).map(newest -> Duration.between(newest, now)).orElse(Duration.ZERO);
        return new Reading(now, records, behind.isNegative() ? Duration.ZERO : behind, progress);
    }
}

package dev.tierfeed.serving.health;

import com.codahale.metrics.health.HealthCheck;
import dev.tierfeed.core.StorageNames;
import dev.tierfeed.serving.db.StreamHeartbeatStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Healthy when a query of the streaming job (the fan-out, the ingest statistics, the lake) has
 * reported progress recently. An idle query still reports every few seconds, so silence means it
 * is down or stuck.
 */
public final class StreamingHealthCheck extends HealthCheck {
    private final String query;
    private final StreamHeartbeatStore heartbeats;
    private final Clock clock;
    private final Duration maxSilence;

    /** The fan-out query's check. */
    public StreamingHealthCheck(StreamHeartbeatStore heartbeats, Clock clock, Duration maxSilence) {
        this(StorageNames.FAN_OUT_QUERY, heartbeats, clock, maxSilence);
    }

    public StreamingHealthCheck(String query, StreamHeartbeatStore heartbeats, Clock clock, Duration maxSilence) {
        this.query = query;
        this.heartbeats = heartbeats;
        this.clock = clock;
        this.maxSilence = maxSilence;
    }

    @Override
    protected Result check() {
        Optional<Instant> last = heartbeats.lastProgress(query);
        if (last.isEmpty()) {
            return Result.unhealthy("the streaming query " + query + " has not reported progress yet");
        }
        Duration silence = Duration.between(last.get(), clock.instant());
        return silence.compareTo(maxSilence) <= 0
                ? Result.healthy("last progress " + silence.toMillis() + " ms ago")
                : Result.unhealthy("no progress from the streaming query " + query + " for " + silence.toSeconds() + " s (limit " + maxSilence + ")");
    }
}

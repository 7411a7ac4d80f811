package dev.tierfeed.serving.health;

import com.codahale.metrics.health.HealthCheck;
import dev.tierfeed.core.StorageNames;
import dev.tierfeed.serving.db.StreamHeartbeatStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Healthy when the streaming fan-out query has reported progress recently. An idle query still
 * reports every few seconds, so silence means it is down or stuck.
 */
public final class StreamingHealthCheck extends HealthCheck {
    private final StreamHeartbeatStore heartbeats;
    private final Clock clock;
    private final Duration maxSilence;

    public StreamingHealthCheck(StreamHeartbeatStore heartbeats, Clock clock, Duration maxSilence) {
        this.heartbeats = heartbeats;
        this.clock = clock;
        this.maxSilence = maxSilence;
    }

    @Override
    protected Result check() {
        Optional<Instant> last = heartbeats.lastProgress(StorageNames.FAN_OUT_QUERY);
        if (last.isEmpty()) {
            return Result.unhealthy("the streaming query has not reported progress yet");
        }
        Duration silence = Duration.between(last.get(), clock.instant());
        return silence.compareTo(maxSilence) <= 0
                ? Result.healthy("last progress " + silence.toMillis() + " ms ago")
                : Result.unhealthy("no progress from the streaming query for " + silence.toSeconds() + " s (limit " + maxSilence + ")");
    }
}

package dev.tierfeed.serving.feed;

import dev.tierfeed.core.SeenRange;
import dev.tierfeed.core.StorageNames;
import dev.tierfeed.serving.db.StreamHeartbeatStore;
import dev.tierfeed.serving.db.StreamHeartbeatStore.StreamProgress;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The highest post id up to which the fan-out has written every acknowledged post
 * ({@link SeenRange#fannedOutThrough}), from the streaming job's heartbeat. Refreshed in the
 * background ({@link #refresh}, every {@link #REFRESH}), so a feed read never waits for it; it
 * only ever moves forward, and a stale value is merely a more careful one.
 */
public final class FanOutHorizon implements LongSupplier {
    public static final Duration REFRESH = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(FanOutHorizon.class);

    private final StreamHeartbeatStore heartbeats;
    private final Duration sendTimeout;
    private volatile long through = Long.MIN_VALUE;

    /** @param sendTimeout how long serving waits for Kafka to acknowledge a post, at most */
    public FanOutHorizon(StreamHeartbeatStore heartbeats, Duration sendTimeout) {
        this.heartbeats = heartbeats;
        this.sendTimeout = sendTimeout;
    }

    @Override
    public long getAsLong() {
        return through;
    }

    public void refresh() {
        try {
            long now = SeenRange.fannedOutThrough(heartbeats.progress(StorageNames.FAN_OUT_QUERY).flatMap(StreamProgress::logReadAt), sendTimeout);
            through = Math.max(through, now);
        } catch (RuntimeException e) {
            LOG.debug("the fan-out's heartbeat could not be read: {}", e.toString());
        }
    }
}

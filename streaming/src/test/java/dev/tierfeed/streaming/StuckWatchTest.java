package dev.tierfeed.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When the heartbeat calls the fan-out query stuck: one batch running too long, not a busy query. */
class StuckWatchTest {
    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");
    private static final Duration LONG = StreamHeartbeat.STUCK_AFTER.plusSeconds(1);

    @Test
    void aQueryCompletingBatchAfterBatchIsNeverStuckThoughItsTriggerIsAlwaysActive() {
        StreamHeartbeat.StuckWatch watch = new StreamHeartbeat.StuckWatch();
        for (int look = 0; look < 100; look++) {
            // looked at every 2 s for 200 s: always inside a trigger, a new batch completed each time
            assertThat(watch.isStuck(true, look, T0.plusSeconds(2L * look))).isFalse();
        }
    }

    @Test
    void oneBatchRunningLongerThanTheLimitIsStuck() {
        StreamHeartbeat.StuckWatch watch = new StreamHeartbeat.StuckWatch();
        assertThat(watch.isStuck(true, 7, T0)).isFalse();
        assertThat(watch.isStuck(true, 7, T0.plus(StreamHeartbeat.STUCK_AFTER))).isFalse();
        assertThat(watch.isStuck(true, 7, T0.plus(LONG))).isTrue();
        // the batch completes: alive again
        assertThat(watch.isStuck(true, 8, T0.plus(LONG).plusSeconds(1))).isFalse();
    }

    @Test
    void anIdleQueryIsNotStuckAndItsNextTriggerCountsAfresh() {
        StreamHeartbeat.StuckWatch watch = new StreamHeartbeat.StuckWatch();
        assertThat(watch.isStuck(true, 3, T0)).isFalse();
        assertThat(watch.isStuck(false, 4, T0.plusSeconds(20))).isFalse();
        assertThat(watch.isStuck(true, 4, T0.plusSeconds(40))).isFalse();
        assertThat(watch.isStuck(true, 4, T0.plusSeconds(40).plus(LONG))).isTrue();
    }
}

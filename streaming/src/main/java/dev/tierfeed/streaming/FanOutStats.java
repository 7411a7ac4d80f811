package dev.tierfeed.streaming;

import java.io.Serializable;

/**
 * What one fan-out did: posts persisted, speed-view rows written, the reads it needed, the time
 * of each step (followers, presence, then the writes that are still outstanding), so that where a
 * micro-batch spends its time can be seen per batch instead of guessed, and the newest post's time.
 */
public record FanOutStats(long posts, long rows, long authorsRead, long presenceRead,
                   long followersNanos, long presenceNanos, long writesNanos, long newestPostMillis) implements Serializable {

    static final FanOutStats NONE = new FanOutStats(0, 0, 0, 0, 0, 0, 0, 0);

    /** The sum of two tasks' work; their times add up to the task time spent on each step. */
    FanOutStats plus(FanOutStats other) {
        return new FanOutStats(posts + other.posts, rows + other.rows, authorsRead + other.authorsRead,
                presenceRead + other.presenceRead, followersNanos + other.followersNanos,
                presenceNanos + other.presenceNanos, writesNanos + other.writesNanos, Math.max(newestPostMillis, other.newestPostMillis));
    }

    /** Laps of a stopwatch, in nanoseconds. */
    static final class Timer {
        private long last = System.nanoTime();

        long lap() {
            long now = System.nanoTime();
            long lap = now - last;
            last = now;
            return lap;
        }
    }
}

package dev.tierfeed.core;

/**
 * When an author is pulled instead of pushed: when they have more followers than the threshold
 * (a setting, default 10,000). The threshold decides only where the work is done (one row per
 * follower at post time, or one query per follower's read); the feeds are the same either way.
 */
public record HybridFanOut(long threshold) implements java.io.Serializable {
    public static final long DEFAULT_THRESHOLD = 10_000;

    public HybridFanOut {
        if (threshold < 0) {
            throw new IllegalArgumentException("the hybrid fan-out threshold cannot be negative, was " + threshold);
        }
    }

    /** Whether an author with this many followers should be pulled. */
    public boolean shouldPull(long followers) {
        return followers > threshold;
    }
}

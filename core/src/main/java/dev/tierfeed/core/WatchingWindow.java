package dev.tierfeed.core;

import java.io.Serializable;
import java.time.Instant;

/**
 * The moments at which a feed request or heartbeat makes a viewer count as watching when a post
 * is made: from {@code from} to {@code until}, both inclusive ({@link TierRules#watchingWindow}).
 */
public record WatchingWindow(Instant from, Instant until) implements Serializable {

    public boolean contains(Instant activity) {
        return !activity.isBefore(from) && !activity.isAfter(until);
    }
}

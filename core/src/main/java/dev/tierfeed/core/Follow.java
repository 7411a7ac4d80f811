package dev.tierfeed.core;

import java.time.Instant;

/** {@code followerId} follows {@code followeeId} since {@code since}. */
public record Follow(long followerId, long followeeId, Instant since) {
    public Follow {
        if (followerId == followeeId) {
            throw new ValidationException("self_follow", "a user cannot follow themselves");
        }
    }
}

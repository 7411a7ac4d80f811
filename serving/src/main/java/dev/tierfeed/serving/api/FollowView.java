package dev.tierfeed.serving.api;

import dev.tierfeed.core.User;
import java.time.Instant;

/** A user on the other side of a follow, and since when the follow holds. */
public record FollowView(UserView user, String since) {
    public static FollowView of(User user, Instant since) {
        return new FollowView(UserView.of(user), since.toString());
    }
}

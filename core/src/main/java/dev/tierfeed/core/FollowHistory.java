package dev.tierfeed.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How one viewer has followed one author: the current follow, if any, and the periods of
 * earlier follows that ended with an unfollow.
 *
 * @param since the start of the current follow, or null when the viewer does not follow now
 * @param ended earlier follow periods, each [from, until)
 */
public record FollowHistory(Instant since, List<Period> ended) {

    public FollowHistory {
        ended = List.copyOf(ended);
    }

    public static FollowHistory following(Instant since) {
        return new FollowHistory(Objects.requireNonNull(since), List.of());
    }

    public boolean isFollowing() {
        return since != null;
    }

    /**
     * Whether a post is addressed to this viewer (PRODUCT.md): the viewer followed the author
     * when it was posted and still follows now. So an unfollow hides the author's pending posts
     * at once, and a re-follow brings back neither the posts made while not following nor
     * anything else than the posts of a period of following.
     */
    public boolean addresses(Post post) {
        if (!isFollowing()) {
            return false;
        }
        Instant at = post.createdAt();
        return !at.isBefore(since) || ended.stream().anyMatch(period -> period.contains(at));
    }

    /** The history after an unfollow at {@code at}; unchanged when not following. */
    public FollowHistory unfollowedAt(Instant at) {
        if (!isFollowing()) {
            return this;
        }
        List<Period> periods = new java.util.ArrayList<>(ended);
        periods.add(new Period(since, at));
        return new FollowHistory(null, periods);
    }

    /** A finished follow, from its start (inclusive) until the unfollow (exclusive). */
    public record Period(Instant from, Instant until) {
        public boolean contains(Instant at) {
            return !at.isBefore(from) && at.isBefore(until);
        }
    }
}

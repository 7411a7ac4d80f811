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
     * Whether, by this history, a post made at {@code postedAt} is addressed (PRODUCT.md): the
     * viewer followed the author when it was posted and still follows now. So an unfollow hides
     * the author's pending posts at once, and a re-follow brings back only the posts made during
     * a period of following. {@link DeliveryPolicy#isAddressed} adds "never one's own post".
     */
    public boolean addressesPostAt(Instant postedAt) {
        if (!isFollowing()) {
            return false;
        }
        return !postedAt.isBefore(since) || ended.stream().anyMatch(period -> period.contains(postedAt));
    }

    /**
     * The history as it stood at {@code at}: periods that began later are not there yet, and a
     * period that ended later was still the current follow. The batch layer computes "as of its
     * cutoff" with it, so a run gives the same result whenever it runs.
     */
    public FollowHistory asOf(Instant at) {
        Instant current = since != null && !since.isAfter(at) ? since : null;
        List<Period> before = new java.util.ArrayList<>();
        for (Period period : ended) {
            if (!period.until().isAfter(at)) {
                before.add(period);
            } else if (!period.from().isAfter(at)) {
                current = period.from();
            }
        }
        return new FollowHistory(current, before);
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

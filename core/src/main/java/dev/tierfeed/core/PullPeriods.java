package dev.tierfeed.core;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When an author's posts were pulled rather than pushed (the hybrid fan-out of DESIGN.md): an
 * author with more followers than the threshold is not fanned out per follower; serving pulls
 * their recent posts at read time. The current period, if any, and the periods that have ended.
 *
 * <p>Whether a post is pushed or pulled never changes a feed: a pulled post is judged by the same
 * {@link DeliveryPolicy#fanOut} as a pushed one, and a post found both ways is one post. So a
 * crossing of the threshold, in either direction, loses nothing and doubles nothing, provided
 * serving keeps pulling an author as long as a post the fan-out did not push may still be pending:
 * {@link #mayHoldUnpushed}.
 *
 * @param since the start of the current period, or null when the author is pushed now
 * @param ended earlier periods, each [from, until)
 */
public record PullPeriods(Instant since, List<FollowHistory.Period> ended) implements Serializable {

    public static final PullPeriods NEVER = new PullPeriods(null, List.of());

    public PullPeriods {
        ended = List.copyOf(ended);
    }

    /** Whether the fan-out leaves the author's posts to be pulled at {@code at}. */
    public boolean isPulledAt(Instant at) {
        return since != null && !at.isBefore(since) || ended.stream().anyMatch(period -> period.contains(at));
    }

    /**
     * Whether some post of the author that the fan-out did not push may still be pending at
     * {@code now}: the author is pulled now, or a period ended less than a speed-view lifetime
     * (plus {@code margin}, for a fan-out that noticed the end late) ago.
     */
    public boolean mayHoldUnpushed(Instant now, TierRules rules, Duration margin) {
        if (since != null) {
            return true;
        }
        Instant horizon = now.minus(rules.longestSpeedViewLifetime()).minus(margin);
        return ended.stream().anyMatch(period -> period.until().isAfter(horizon));
    }

    /** The periods after the author starts being pulled at {@code at}; unchanged when pulled already. */
    public PullPeriods pulledFrom(Instant at) {
        return since != null ? this : new PullPeriods(at, ended);
    }

    /** The periods after the author is pushed again from {@code at}; unchanged when not pulled. */
    public PullPeriods pushedFrom(Instant at) {
        if (since == null) {
            return this;
        }
        List<FollowHistory.Period> periods = new java.util.ArrayList<>(ended);
        periods.add(new FollowHistory.Period(since, at));
        return new PullPeriods(null, periods);
    }
}

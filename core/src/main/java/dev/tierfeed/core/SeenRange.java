package dev.tierfeed.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A run of one viewer's speed-view rows of one tier, post ids {@code low} to {@code high}
 * inclusive, that can never hold a pending item again: every row in it has been seen (a seen
 * receipt is for good, whatever the follows do later), and the fan-out has written every
 * acknowledged post up to {@code high} ({@link #fannedOutThrough}), so no row will be added to it.
 * A feed read skips the run instead of reading rows only to find them seen: for a viewer who keeps
 * up with their feed that is nearly all of it, and without this every read of theirs would read
 * every row they were ever shown that is still stored.
 *
 * <p>Only seen rows make a run. A row that is merely not pending now is not enough: an unfollowed
 * author's post comes back with a re-follow ({@link FollowHistory#addressesPostAt}).
 */
public record SeenRange(long low, long high) {
    /**
     * How far apart the clocks of the serving replicas (which give posts their ids) and of the
     * streaming driver (which says how far it has read the log) may be. NTP keeps them within
     * milliseconds; a clock off by more than this could let a read skip a post acknowledged
     * just before the horizon.
     */
    public static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofSeconds(10);

    public SeenRange {
        if (low > high) {
            throw new IllegalArgumentException("an empty range: " + low + " > " + high);
        }
    }

    public boolean contains(long id) {
        return id >= low && id <= high;
    }

    /**
     * The highest post id up to which the fan-out has written every acknowledged post, when it
     * had written everything the log held at {@code logReadAt} (the start of a micro-batch that
     * read to the end of the log): a post acknowledged by then was in the log by then, and a post
     * is acknowledged within {@code sendTimeout} of getting its id, on a clock that may be
     * {@link #CLOCK_SKEW_ALLOWANCE} off. Nothing when the fan-out has not said so yet.
     */
    public static long fannedOutThrough(Optional<Instant> logReadAt, Duration sendTimeout) {
        return logReadAt.map(at -> Ids.lowestAt(at.minus(sendTimeout).minus(CLOCK_SKEW_ALLOWANCE)) - 1).orElse(Long.MIN_VALUE);
    }

    /**
     * The run a read can store after reading the speed view of one tier: {@code rows} are every
     * row with an id in [{@code coveredLow}, {@code coveredBelow}) outside {@code known} (the
     * run stored before, which the read skipped), {@code seen} the ids among them the viewer has
     * seen, {@code fannedOutThrough} as {@link #fannedOutThrough} says. The known run grows up and
     * down through seen rows until an unseen one, and never above {@code fannedOutThrough}; with
     * none known, the run is the one with the most seen rows. Empty when no run holds a seen row.
     */
    public static Optional<SeenRange> grow(Optional<SeenRange> known, Collection<Long> rows, Set<Long> seen,
                                           long coveredLow, long coveredBelow, long fannedOutThrough) {
        if (coveredBelow <= coveredLow) {
            return known;
        }
        long top = Math.min(coveredBelow - 1, fannedOutThrough);
        List<Long> ascending = rows.stream().sorted().toList();
        if (known.isPresent()) {
            SeenRange range = known.get();
            long low = range.low;
            long high = range.high;
            if (coveredLow < range.low && coveredBelow >= range.low) {
                // everything below the run was read, down to coveredLow: down to the first unseen row under it
                low = coveredLow;
                for (long id : ascending) {
                    if (id < range.low && !seen.contains(id)) {
                        low = id + 1;
                    }
                }
            }
            if (coveredLow <= range.high + 1 && coveredBelow > range.high + 1) {
                // everything above the run was read, up to coveredBelow: up to the first unseen row over it
                long up = coveredBelow - 1;
                for (long id : ascending) {
                    if (id > range.high && !seen.contains(id)) {
                        up = id - 1;
                        break;
                    }
                }
                high = Math.max(high, Math.min(up, fannedOutThrough));
            }
            return Optional.of(new SeenRange(Math.min(low, range.low), high));
        }
        // none known: of the runs between unseen rows, the one with the most seen rows
        Optional<SeenRange> best = Optional.empty();
        long bestCount = 0;
        long from = coveredLow;
        long count = 0;
        for (long id : ascending) {
            if (seen.contains(id)) {
                count += id <= top ? 1 : 0;
                continue;
            }
            if (count > bestCount) {
                best = Optional.of(new SeenRange(from, Math.min(id - 1, top)));
                bestCount = count;
            }
            from = id + 1;
            count = 0;
        }
        if (count > bestCount) {
            best = Optional.of(new SeenRange(from, top));
        }
        return best;
    }
}

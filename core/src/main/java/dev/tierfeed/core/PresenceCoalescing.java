package dev.tierfeed.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which feed requests a replica must store as presence so that "watching at t" stays exact while
 * a viewer who reads many times a second costs at most two writes per interval: in each interval
 * of {@code interval} that starts with a request, the first request (stored at once) and the last
 * one (stored when the interval is over).
 *
 * <p>Why that is exact: a request r lies within a presence window [t - W, t]; its interval's first
 * request f and last request l satisfy f &le; r &le; l &lt; f + interval. If f &ge; t - W, f is in the
 * window; otherwise the interval began before the window, so l &lt; f + interval &lt; t - W +
 * interval &le; t whenever the interval is no longer than the window, and l is in it. Stored times
 * are real requests, so nothing is counted that did not happen. And l is stored once its interval
 * is over, about a window before any post whose window it matters to (one made a window after f)
 * is fanned out; hence the interval is at most half the window.
 *
 * <p>Not thread-safe: the caller serialises access.
 */
public final class PresenceCoalescing {
    private final Duration interval;
    private final Map<Long, Open> open = new HashMap<>();

    private record Open(Instant start, Optional<Instant> last) {
    }

    /** A presence to store: a viewer and the time of one of their requests. */
    public record Presence(long viewerId, Instant at) {
    }

    /**
     * @param interval how long one interval lasts: at most half the presence window, which leaves the
     *                 other half for storing an interval's last request after it is over
     * @param rules    whose presence window bounds it
     */
    public PresenceCoalescing(Duration interval, TierRules rules) {
        if (interval.isNegative() || interval.isZero() || interval.multipliedBy(2).compareTo(rules.presenceWindow()) > 0) {
            throw new IllegalArgumentException("the coalescing interval must be positive and at most half the presence window ("
                    + rules.presenceWindow() + "), was " + interval);
        }
        this.interval = interval;
    }

    /** A feed request of {@code viewer} at {@code at}: what to store now (the first request of an interval), if anything. */
    public List<Presence> request(long viewer, Instant at) {
        List<Presence> now = new ArrayList<>(2);
        Open current = open.get(viewer);
        if (current != null && at.isBefore(current.start())) {
            now.add(new Presence(viewer, at)); // came in after a later request (another thread's clock): keep it as it is
            return now;
        }
        if (current != null && at.isBefore(current.start().plus(interval))) {
            if (!at.isBefore(current.last().orElse(current.start()))) {
                open.put(viewer, new Open(current.start(), Optional.of(at)));
            }
            return now;
        }
        if (current != null) {
            current.last().ifPresent(last -> now.add(new Presence(viewer, last)));
        }
        open.put(viewer, new Open(at, Optional.empty()));
        now.add(new Presence(viewer, at));
        return now;
    }

    /** The last requests of the intervals over by {@code now}, to store; those intervals are closed. */
    public List<Presence> closeBefore(Instant now) {
        List<Presence> due = new ArrayList<>();
        open.entrySet().removeIf(entry -> {
            if (now.isBefore(entry.getValue().start().plus(interval))) {
                return false;
            }
            entry.getValue().last().ifPresent(last -> due.add(new Presence(entry.getKey(), last)));
            return true;
        });
        return due;
    }
}

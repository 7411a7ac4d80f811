package dev.tierfeed.serving.feed;

import dev.tierfeed.core.HybridFanOut;
import dev.tierfeed.core.PullPeriods;
import dev.tierfeed.core.TierRules;
import dev.tierfeed.serving.db.PullStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hybrid fan-out on the serving side. Keeps each author's follower count as follows change
 * and moves an author between pushed and pulled when the count crosses the threshold
 * ({@link HybridFanOut}); tells feed reads which authors to pull: those whose unpushed posts may
 * still be pending ({@link PullPeriods#mayHoldUnpushed}), read again at most every {@link #REFRESH}.
 * A new pulled author is therefore found within that time, as a pushed post is within the fan-out's.
 */
public final class PulledAuthors {
    static final Duration REFRESH = Duration.ofSeconds(2);
    /** How late the fan-out may notice that an author is pushed again: it reads the periods once a micro-batch. */
    static final Duration FAN_OUT_MARGIN = Duration.ofHours(1);

    private final PullStore store;
    private final HybridFanOut hybrid;
    private final TierRules rules;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(Instant readAt, Set<Long> authors) {
    }

    public PulledAuthors(PullStore store, HybridFanOut hybrid, TierRules rules, Clock clock) {
        this.store = store;
        this.hybrid = hybrid;
        this.rules = rules;
        this.clock = clock;
    }

    /** The authors a feed read must pull from now. */
    public Set<Long> toPull() {
        Snapshot last = snapshot;
        Instant now = clock.instant();
        if (last == null || Duration.between(last.readAt(), now).compareTo(REFRESH) > 0) {
            Map<Long, PullPeriods> all = store.all();
            last = new Snapshot(now, all.entrySet().stream()
                    .filter(entry -> entry.getValue().mayHoldUnpushed(now, rules, FAN_OUT_MARGIN))
                    .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet()));
            snapshot = last;
        }
        return last.authors();
    }

    /** After {@code author} gained ({@code delta} 1) or lost (-1) a follower: counts it and crosses the threshold if due. */
    public void followersChanged(long author, long delta) {
        long followers = store.adjustFollowers(author, delta);
        PullPeriods periods = store.periods(author);
        Instant now = clock.instant();
        boolean pulled = periods.isPulledAt(now);
        if (hybrid.shouldPull(followers) != pulled) {
            store.save(author, pulled ? periods.pushedFrom(now) : periods.pulledFrom(now));
            snapshot = null; // this replica sees the crossing at once
        }
    }
}

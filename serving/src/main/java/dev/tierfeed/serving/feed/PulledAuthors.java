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
 * still be pending ({@link PullPeriods#mayHoldUnpushed}), read again once the last read is older
 * than {@link #REFRESH}. A new pulled author is therefore found within that time and one read, as a
 * pushed post is within the fan-out's.
 *
 * <p>The read is a scan of a small table, and a scan cannot be sped up by Cassandra's speculative
 * retry: while a node that has just died is not yet known to be down, it waits for that node until
 * it times out. So a feed read never waits for it: once the snapshot is stale, one read runs in the
 * background while feed reads go on with the last snapshot, which a failed read leaves in place
 * (the next feed read starts another). Only the very first read, and the one after this replica
 * itself moved an author, are waited for.
 */
public final class PulledAuthors {
    static final Duration REFRESH = Duration.ofSeconds(2);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PulledAuthors.class);
    /** How late the fan-out may notice that an author is pushed again: it reads the periods once a micro-batch. */
    static final Duration FAN_OUT_MARGIN = Duration.ofHours(1);

    private final PullStore store;
    private final HybridFanOut hybrid;
    private final TierRules rules;
    private final Clock clock;
    private final java.util.concurrent.Executor background;
    private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Snapshot snapshot;

    private record Snapshot(Instant readAt, Set<Long> authors) {
    }

    public PulledAuthors(PullStore store, HybridFanOut hybrid, TierRules rules, Clock clock) {
        this(store, hybrid, rules, clock, java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pulled-authors-refresh");
            thread.setDaemon(true);
            return thread;
        }));
    }

    PulledAuthors(PullStore store, HybridFanOut hybrid, TierRules rules, Clock clock, java.util.concurrent.Executor background) {
        this.store = store;
        this.hybrid = hybrid;
        this.rules = rules;
        this.clock = clock;
        this.background = background;
    }

    /** The authors a feed read must pull from now. */
    public Set<Long> toPull() {
        Snapshot last = snapshot;
        if (last == null) {
            return read().authors();
        }
        if (Duration.between(last.readAt(), clock.instant()).compareTo(REFRESH) > 0 && refreshing.compareAndSet(false, true)) {
            background.execute(() -> {
                try {
                    read();
                } catch (RuntimeException e) {
                    LOG.warn("could not read the pulled authors; feed reads go on with those read at {}", last.readAt(), e);
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return last.authors();
    }

    private Snapshot read() {
        Instant now = clock.instant();
        Map<Long, PullPeriods> all = store.all();
        Snapshot read = new Snapshot(now, all.entrySet().stream()
                .filter(entry -> entry.getValue().mayHoldUnpushed(now, rules, FAN_OUT_MARGIN))
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet()));
        snapshot = read;
        return read;
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

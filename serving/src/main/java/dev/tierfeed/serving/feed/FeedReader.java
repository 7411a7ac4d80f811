package dev.tierfeed.serving.feed;

import com.codahale.metrics.Meter;
import dev.tierfeed.core.DeliveryPolicy;
import dev.tierfeed.core.FanOut;
import dev.tierfeed.core.FeedCursor;
import dev.tierfeed.core.FeedPage;
import dev.tierfeed.core.FeedSlice;
import dev.tierfeed.core.FollowHistory;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.PendingFeed;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.SeenRange;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.TierRules;
import dev.tierfeed.core.WatchingWindow;
import dev.tierfeed.serving.db.BatchViewStore;
import dev.tierfeed.serving.db.BatchViewStore.Generation;
import dev.tierfeed.serving.db.FollowStore;
import dev.tierfeed.serving.db.PostStore;
import dev.tierfeed.serving.db.PresenceStore;
import dev.tierfeed.serving.db.SeenRangeStore;
import dev.tierfeed.serving.db.SeenStore;
import dev.tierfeed.serving.db.SpeedViewStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the inputs of a feed page and lets {@link PendingFeed} decide it.
 *
 * <p>The views are read slice by slice in the order {@code core}'s {@link FeedSlice#plan} gives
 * (which also says where the batch view takes over premium posts and where a cursor resumes). A
 * speed-view slice has more sources when the viewer follows pulled authors (the hybrid fan-out):
 * each such author's posts of the slice's tier and range, kept where {@link DeliveryPolicy#fanOut}
 * would have pushed them, so a pulled post is judged exactly as a pushed one. Sources are read in
 * rounds of chunks, with the seen receipts and follow histories of what was read, until one more
 * pending item than the page needs lies above the point down to which every source has been read.
 *
 * <p>A viewer's speed view keeps the rows they have seen until the rows expire (a seen post is
 * filtered out at read time, never deleted), so a viewer who keeps up would read everything they
 * were shown on every read. Each tier's speed-view read therefore skips the viewer's stored run
 * of seen rows ({@link SeenRange}) and, once the page is decided, stores the run grown by what it
 * read, when that saves a later read at least {@link #ROWS_WORTH_A_WRITE} rows.
 */
public final class FeedReader {
    private static final Logger LOG = LoggerFactory.getLogger(FeedReader.class);
    private static final int MAX_CHUNK = 1000;
    static final int ROWS_WORTH_A_WRITE = 10;

    private final SpeedViewStore speedView;
    private final BatchViewStore batchView;
    private final SeenStore seen;
    private final FollowStore follows;
    private final Pulls pulls;
    private final Skips skips;
    private final PendingFeed feed;

    /**
     * What pulling authors needs: which to pull, their posts, the viewer's presence, the fan-out
     * decision, and a meter of the posts pulled into pages.
     */
    public record Pulls(PulledAuthors authors, PostStore posts, PresenceStore presence, DeliveryPolicy policy, Meter pulled) {
    }

    /** What skipping seen rows needs: the stored runs, and how far the fan-out has written every post ({@link FanOutHorizon}). */
    public record Skips(SeenRangeStore ranges, LongSupplier fannedOutThrough) {
    }

    public FeedReader(SpeedViewStore speedView, BatchViewStore batchView, SeenStore seen, FollowStore follows, Pulls pulls,
                      Skips skips, PendingFeed feed) {
        this.speedView = speedView;
        this.batchView = batchView;
        this.seen = seen;
        this.follows = follows;
        this.pulls = pulls;
        this.skips = skips;
        this.feed = feed;
    }

    /** One place posts of a slice are read from, newest first, down from {@code below}. */
    private interface Source {
        /** Rows read (for knowing how far the source has been read) and the candidates among them. */
        CompletableFuture<Read> read(long lowest, long below, int limit);
    }

    private record Read(List<Post> rows, List<Post> candidates) {
    }

    /**
     * The page, once read: nothing here waits for Cassandra, each step runs when the requests it
     * needs have answered (on the driver's thread that completed the last of them).
     */
    public CompletableFuture<FeedPage> page(long viewer, Optional<FeedCursor> after, int limit, Instant now) {
        Optional<Generation> generation = batchView.current();
        Inputs inputs = new Inputs(viewer, now);
        return followedPulledAuthors(viewer).thenCombine(skips.ranges().ranges(viewer), (pulled, seenRanges) -> {
            inputs.seenRanges.putAll(seenRanges);
            return pulled;
        }).thenCompose(pulled -> {
            inputs.histories.putAll(pulled);
            int chunk = limit + 1 + Math.max(4, limit / 4);
            Iterator<FeedSlice> slices = FeedSlice.plan(generation.map(Generation::batchCutoff), after).iterator();
            return readSlices(slices, viewer, generation, pulled, inputs, limit, chunk).thenApply(read -> {
                FeedPage page = feed.page(viewer, inputs.candidates, inputs.seenPosts, inputs.histories, now, after, limit);
                inputs.storeGrownRuns();
                return page;
            });
        });
    }

    /** Reads slice after slice until one more pending item than the page needs is known. */
    private CompletableFuture<Void> readSlices(Iterator<FeedSlice> slices, long viewer, Optional<Generation> generation,
                                               Map<Long, FollowHistory> pulled, Inputs inputs, int limit, int chunk) {
        if (!slices.hasNext() || inputs.pending > limit) {
            return CompletableFuture.completedFuture(null);
        }
        FeedSlice slice = slices.next();
        Map<Source, Long> below = new LinkedHashMap<>();
        sources(viewer, slice, generation, pulled, inputs).forEach(source -> below.put(source, slice.below()));
        return readRounds(slice, below, inputs, limit, chunk)
                .thenCompose(next -> readSlices(slices, viewer, generation, pulled, inputs, limit, next));
    }

    /**
     * Reads the slice's sources ({@code below}: each one's point to read down from) in rounds of
     * growing chunks until enough is known; gives the chunk size to go on with.
     */
    private CompletableFuture<Integer> readRounds(FeedSlice slice, Map<Source, Long> below, Inputs inputs, int limit, int chunk) {
        if (below.isEmpty()) {
            inputs.settle();
            return CompletableFuture.completedFuture(chunk);
        }
        Map<Source, CompletableFuture<Read>> round = new LinkedHashMap<>();
        below.forEach((source, from) -> round.put(source, source.read(slice.lowest(), from, chunk)));
        return CompletableFuture.allOf(round.values().toArray(CompletableFuture[]::new)).thenCompose(answered -> {
            long complete = Long.MIN_VALUE; // every source has been read down to here
            List<Post> candidates = new ArrayList<>();
            for (Map.Entry<Source, CompletableFuture<Read>> entry : round.entrySet()) {
                Read read = entry.getValue().join(); // answered already
                candidates.addAll(read.candidates());
                if (read.rows().size() < chunk) {
                    below.remove(entry.getKey());
                } else {
                    long last = read.rows().get(read.rows().size() - 1).id();
                    below.put(entry.getKey(), last);
                    complete = Math.max(complete, last);
                }
            }
            return inputs.add(candidates, complete);
        }).thenCompose(added -> {
            if (inputs.pending > limit) {
                inputs.settle();
                return CompletableFuture.completedFuture(chunk);
            }
            return readRounds(slice, below, inputs, limit, Math.min(2 * chunk, MAX_CHUNK));
        });
    }

    private List<Source> sources(long viewer, FeedSlice slice, Optional<Generation> generation, Map<Long, FollowHistory> pulled, Inputs inputs) {
        Instant now = inputs.now;
        List<Source> sources = new ArrayList<>();
        sources.add(switch (slice.view()) {
            case SPEED -> inputs.speedScan(slice.tier());
            case BATCH -> (lowest, below, limit) -> batchView.read(generation.orElseThrow(), viewer, lowest, below, limit)
                    .thenApply(rows -> new Read(rows, rows));
        });
        if (slice.view() == FeedSlice.View.SPEED) {
            pulled.forEach((author, history) -> sources.add(pulledSource(viewer, author, history, slice, now)));
        }
        return sources;
    }

    /**
     * An author's posts of the slice, kept where the fan-out would have pushed them to the viewer;
     * no further back than a row of the tier could live, since an older one would not be there either.
     */
    private Source pulledSource(long viewer, long author, FollowHistory history, FeedSlice slice, Instant now) {
        TierRules rules = pulls.policy().rules();
        long oldest = Ids.lowestAt(now.minus(rules.longestSpeedViewLifetime()));
        return (lowest, below, limit) -> pulls.posts().byAuthorBetween(author, Math.max(lowest, oldest), below, limit).thenCompose(rows -> {
            List<Post> ofTier = new ArrayList<>();
            List<FanOut> decisions = new ArrayList<>();
            for (Post post : rows) {
                FanOut fanOut = pulls.policy().fanOut(viewer, post, history, now);
                if (post.tier() == slice.tier() && fanOut.kind() != FanOut.Kind.SKIP) {
                    ofTier.add(post);
                    decisions.add(fanOut);
                }
            }
            return delivered(viewer, ofTier, decisions).thenApply(candidates -> {
                pulls.pulled().mark(candidates.size());
                return new Read(rows, candidates);
            });
        });
    }

    /** The posts the decisions deliver, reading the viewer's presence once where a FREE post needs it. */
    private CompletableFuture<List<Post>> delivered(long viewer, List<Post> posts, List<FanOut> decisions) {
        Optional<WatchingWindow> span = decisions.stream().filter(FanOut::needsPresence).map(FanOut::watching)
                .reduce((a, b) -> new WatchingWindow(a.from().isBefore(b.from()) ? a.from() : b.from(), a.until().isAfter(b.until()) ? a.until() : b.until()));
        CompletableFuture<List<Instant>> presence = span.map(window -> pulls.presence().within(viewer, window.from(), window.until()))
                .orElse(CompletableFuture.completedFuture(List.of()));
        return presence.thenApply(activity -> {
            List<Post> delivered = new ArrayList<>();
            for (int i = 0; i < posts.size(); i++) {
                if (decisions.get(i).delivers(activity)) {
                    delivered.add(posts.get(i));
                }
            }
            return delivered;
        });
    }

    /** The viewer's histories with the authors to pull that they follow now. */
    private CompletableFuture<Map<Long, FollowHistory>> followedPulledAuthors(long viewer) {
        Set<Long> toPull = pulls.authors().toPull();
        if (toPull.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return follows.histories(viewer, toPull).thenApply(histories -> {
            Map<Long, FollowHistory> followed = new HashMap<>(histories);
            followed.values().removeIf(history -> !history.isFollowing());
            return followed;
        });
    }

    /**
     * A tier's speed view, read around the viewer's stored run of seen rows; it notes what it read
     * (every row with an id in [{@code coveredLow}, {@code coveredBelow}) outside the run) so the
     * run can grow by it.
     */
    private final class SpeedScan implements Source {
        private final long viewer;
        private final Tier tier;
        private final Optional<SeenRange> known;
        private final List<Long> rows = new ArrayList<>();
        private long coveredLow = Long.MAX_VALUE;
        private long coveredBelow = Long.MIN_VALUE;

        SpeedScan(long viewer, Tier tier, Optional<SeenRange> known) {
            this.viewer = viewer;
            this.tier = tier;
            this.known = known;
        }

        @Override
        public CompletableFuture<Read> read(long lowest, long below, int limit) {
            coveredBelow = Math.max(coveredBelow, below);
            SeenRange run = known.filter(range -> range.low() < below && range.high() >= lowest).orElse(null);
            if (run == null) {
                return part(lowest, below, limit).thenApply(rows -> new Read(rows, rows));
            }
            CompletableFuture<List<Post>> above = below > run.high() + 1 ? part(run.high() + 1, below, limit)
                    : CompletableFuture.completedFuture(List.of());
            return above.thenCompose(upper -> upper.size() == limit || lowest >= run.low()
                    ? CompletableFuture.completedFuture(upper)
                    : part(lowest, run.low(), limit).thenApply(lower -> {
                        List<Post> both = new ArrayList<>(upper);
                        both.addAll(lower);
                        return both;
                    })).thenApply(rows -> new Read(rows, rows));
        }

        /** Rows of [lowest, below) outside the run, newest first: what that part of the read covered is noted. */
        private CompletableFuture<List<Post>> part(long lowest, long below, int limit) {
            return speedView.read(viewer, tier, lowest, below, limit).thenApply(read -> {
                read.forEach(post -> rows.add(post.id()));
                coveredLow = Math.min(coveredLow, read.size() < limit ? lowest : read.get(read.size() - 1).id());
                return read;
            });
        }

        /** The run grown by this read, if it now skips at least {@link #ROWS_WORTH_A_WRITE} more rows. */
        Optional<SeenRange> grown(Set<Long> seenPosts, long fannedOutThrough) {
            return SeenRange.grow(known, rows, seenPosts, coveredLow, coveredBelow, fannedOutThrough).filter(range -> rows.stream()
                    .filter(range::contains).count() >= ROWS_WORTH_A_WRITE);
        }
    }

    /**
     * What the reader has gathered: candidates, and the seen receipts and follow histories they need,
     * and how many pending items lie where every source has been read.
     */
    private final class Inputs {
        private final long viewer;
        private final Instant now;
        private final List<Post> candidates = new ArrayList<>();
        private final Set<Long> seenPosts = new HashSet<>();
        private final Map<Long, FollowHistory> histories = new HashMap<>();
        private final Set<Long> authorsLookedUp = new HashSet<>();
        private final List<Post> unsettled = new ArrayList<>();
        private final Map<Tier, SeenRange> seenRanges = new HashMap<>();
        private final List<SpeedScan> speedScans = new ArrayList<>();
        private int pending;

        Inputs(long viewer, Instant now) {
            this.viewer = viewer;
            this.now = now;
        }

        /**
         * Adds a round's candidates with their seen receipts and follow histories (read
         * concurrently); those at or above {@code complete} count, the rest once a later round or
         * the slice's end settles them.
         */
        CompletableFuture<Void> add(List<Post> rows, long complete) {
            if (rows.isEmpty()) {
                count(complete);
                return CompletableFuture.completedFuture(null);
            }
            var seenRows = seen.seenAmong(viewer, rows.stream().map(Post::id).toList());
            var historyRows = follows.histories(viewer, rows.stream().map(Post::authorId).distinct()
                    .filter(author -> !histories.containsKey(author)).filter(authorsLookedUp::add).toList());
            return seenRows.thenAcceptBoth(historyRows, (seenIds, more) -> {
                seenPosts.addAll(seenIds);
                histories.putAll(more);
                candidates.addAll(rows);
                unsettled.addAll(rows);
                count(complete);
            });
        }

        private void count(long complete) {
            List<Post> settled = unsettled.stream().filter(post -> post.id() >= complete).toList();
            unsettled.removeAll(settled);
            pending += (int) settled.stream().filter(post -> feed.isPending(viewer, post, seenPosts, histories, now)).count();
        }

        /** The slice is read as far as needed: everything gathered from it is settled. */
        void settle() {
            count(Long.MIN_VALUE);
        }

        SpeedScan speedScan(Tier tier) {
            SpeedScan scan = new SpeedScan(viewer, tier, Optional.ofNullable(seenRanges.get(tier)));
            speedScans.add(scan);
            return scan;
        }

        /** Stores each run this read grew (in the background: the page does not wait, and a run not stored only costs a later read). */
        void storeGrownRuns() {
            long fannedOutThrough = skips.fannedOutThrough().getAsLong();
            for (SpeedScan scan : speedScans) {
                scan.grown(seenPosts, fannedOutThrough).ifPresent(range -> skips.ranges().store(viewer, scan.tier, range).exceptionally(failure -> {
                    LOG.debug("a run of seen rows was not stored: {}", failure.toString());
                    return null;
                }));
            }
        }
    }
}

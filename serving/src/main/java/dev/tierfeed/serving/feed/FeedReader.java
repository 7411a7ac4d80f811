package dev.tierfeed.serving.feed;

import dev.tierfeed.core.FeedCursor;
import dev.tierfeed.core.FeedPage;
import dev.tierfeed.core.FeedSlice;
import dev.tierfeed.core.FollowHistory;
import dev.tierfeed.core.PendingFeed;
import dev.tierfeed.core.Post;
import dev.tierfeed.serving.db.BatchViewStore;
import dev.tierfeed.serving.db.BatchViewStore.Generation;
import dev.tierfeed.serving.db.FollowStore;
import dev.tierfeed.serving.db.SeenStore;
import dev.tierfeed.serving.db.SpeedViewStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fetches the inputs of a feed page and lets {@link PendingFeed} decide it.
 *
 * <p>The views are read slice by slice in the order {@code core}'s {@link FeedSlice#plan} gives
 * (which also says where the batch view takes over premium posts and where a cursor resumes). It
 * reads in chunks, with the seen receipts and follow histories of each chunk's posts, until it
 * holds one more pending item than the page needs, or the views end.
 */
public final class FeedReader {
    private static final int MAX_CHUNK = 1000;

    private final SpeedViewStore speedView;
    private final BatchViewStore batchView;
    private final SeenStore seen;
    private final FollowStore follows;
    private final PendingFeed rules;

    public FeedReader(SpeedViewStore speedView, BatchViewStore batchView, SeenStore seen, FollowStore follows, PendingFeed rules) {
        this.speedView = speedView;
        this.batchView = batchView;
        this.seen = seen;
        this.follows = follows;
        this.rules = rules;
    }

    public FeedPage page(long viewer, Optional<FeedCursor> after, int limit, Instant now) {
        // enough for the page and its one-more when few posts are seen; a later chunk of a slice doubles
        int chunk = limit + 1 + Math.max(4, limit / 4);
        Optional<Generation> generation = batchView.current();
        Inputs inputs = new Inputs(viewer, now);
        for (FeedSlice slice : FeedSlice.plan(generation.map(Generation::batchCutoff), after)) {
            FeedSlice rest = slice;
            while (inputs.pending <= limit && !rest.isEmpty()) {
                List<Post> rows = read(viewer, rest, generation, chunk);
                inputs.add(rows);
                if (rows.size() < chunk) {
                    break;
                }
                rest = rest.below(rows.get(rows.size() - 1).id());
                chunk = Math.min(2 * chunk, MAX_CHUNK);
            }
        }
        return rules.page(viewer, inputs.candidates, inputs.seenPosts, inputs.histories, now, after, limit);
    }

    private List<Post> read(long viewer, FeedSlice slice, Optional<Generation> generation, int limit) {
        return switch (slice.view()) {
            case SPEED -> speedView.read(viewer, slice.tier(), slice.lowest(), slice.below(), limit);
            case BATCH -> batchView.read(generation.orElseThrow(), viewer, slice.lowest(), slice.below(), limit);
        };
    }

    /** What the reader has gathered: candidates, and the seen receipts and follow histories they need. */
    private final class Inputs {
        private final long viewer;
        private final Instant now;
        private final List<Post> candidates = new ArrayList<>();
        private final Set<Long> seenPosts = new HashSet<>();
        private final Map<Long, FollowHistory> histories = new HashMap<>();
        private final Set<Long> authorsLookedUp = new HashSet<>();
        private int pending;

        Inputs(long viewer, Instant now) {
            this.viewer = viewer;
            this.now = now;
        }

        /** Adds a chunk of rows, with their seen receipts and follow histories, read concurrently. */
        void add(List<Post> rows) {
            if (rows.isEmpty()) {
                return;
            }
            var seenRows = seen.seenAmong(viewer, rows.stream().map(Post::id).toList());
            var historiesRows = follows.histories(viewer, rows.stream().map(Post::authorId).filter(authorsLookedUp::add).toList());
            seenPosts.addAll(seenRows.join());
            histories.putAll(historiesRows.join());
            candidates.addAll(rows);
            pending += (int) rows.stream().filter(post -> rules.isPending(viewer, post, seenPosts, histories, now)).count();
        }
    }
}

package dev.tierfeed.serving.feed;

import dev.tierfeed.core.FeedCursor;
import dev.tierfeed.core.FeedPage;
import dev.tierfeed.core.FollowHistory;
import dev.tierfeed.core.PendingFeed;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.Tier;
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
 * <p>Both views are stored in feed order (tier, then post id descending), so the reader walks
 * them as a sequence of slices, from the cursor on: premium posts after the batch cutoff from
 * the speed view, premium posts up to it from the current batch-view generation (the split is
 * {@code core}'s {@link dev.tierfeed.core.BatchCutoff}), then standard and free posts from the
 * speed view. It reads in chunks, with the seen receipts and follow histories of each chunk's
 * posts, until it holds one more pending item than the page needs, or the views end.
 */
public final class FeedReader {
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

    /** A run of one view: post ids in [lowest, below) of one tier, readable newest first. */
    private record Slice(Tier tier, long lowest, long below, Reader reader) {
    }

    @FunctionalInterface
    private interface Reader {
        List<Post> read(long viewer, long lowest, long below, int limit);
    }

    public FeedPage page(long viewer, Optional<FeedCursor> after, int limit, Instant now) {
        int chunk = Math.max(2 * limit + 1, 32);
        Inputs inputs = new Inputs(viewer, now);
        for (Slice slice : slices(batchView.current())) {
            if (after.isPresent() && slice.tier().compareTo(after.get().last().tier()) < 0) {
                continue;
            }
            long below = after.filter(cursor -> cursor.last().tier() == slice.tier())
                    .map(cursor -> Math.min(cursor.last().postId(), slice.below())).orElse(slice.below());
            while (inputs.pending <= limit && below > slice.lowest()) {
                List<Post> rows = slice.reader().read(viewer, slice.lowest(), below, chunk);
                inputs.add(rows);
                if (rows.size() < chunk) {
                    break;
                }
                below = rows.get(rows.size() - 1).id();
            }
        }
        return rules.page(viewer, inputs.candidates, inputs.seenPosts, inputs.histories, now, after, limit);
    }

    private List<Slice> slices(Optional<Generation> generation) {
        List<Slice> slices = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            Reader speed = (viewer, lowest, below, limit) -> speedView.read(viewer, tier, lowest, below, limit);
            if (tier == Tier.PREMIUM && generation.isPresent()) {
                long firstSpeed = generation.get().batchCutoff().firstSpeedViewPostId();
                slices.add(new Slice(tier, firstSpeed, Long.MAX_VALUE, speed));
                slices.add(new Slice(tier, Long.MIN_VALUE, firstSpeed,
                        (viewer, lowest, below, limit) -> batchView.read(generation.get(), viewer, lowest, below, limit)));
            } else {
                slices.add(new Slice(tier, Long.MIN_VALUE, Long.MAX_VALUE, speed));
            }
        }
        return slices;
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

        void add(List<Post> rows) {
            if (rows.isEmpty()) {
                return;
            }
            seenPosts.addAll(seen.seenAmong(viewer, rows.stream().map(Post::id).toList()));
            histories.putAll(follows.histories(viewer, rows.stream().map(Post::authorId).filter(authorsLookedUp::add).toList()));
            candidates.addAll(rows);
            pending += (int) rows.stream().filter(post -> rules.isPending(viewer, post, seenPosts, histories, now)).count();
        }
    }
}

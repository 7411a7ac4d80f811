package dev.tierfeed.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run of a feed as it is stored: the posts of one tier with ids in [{@code lowest},
 * {@code below}) in one view, read newest first. Both views are clustered in feed order, so a
 * feed is a sequence of such slices, and a page after a cursor is the rest of that sequence.
 */
public record FeedSlice(Tier tier, View view, long lowest, long below) {

    /** Where a slice is stored. */
    public enum View { SPEED, BATCH }

    /**
     * The slices of a feed in feed order, from just after {@code after} (from the start when
     * empty): PREMIUM posts after the batch cutoff from the speed view, PREMIUM posts up to it
     * from the batch view ({@link BatchCutoff#firstSpeedViewPostId()} splits them, so each post
     * has exactly one source), then STANDARD and FREE from the speed view. Without a batch
     * generation every PREMIUM post comes from the speed view.
     */
    public static List<FeedSlice> plan(Optional<BatchCutoff> cutoff, Optional<FeedCursor> after) {
        List<FeedSlice> slices = new ArrayList<>();
        for (FeedSlice slice : whole(cutoff)) {
            after.map(cursor -> slice.after(cursor.last())).orElse(Optional.of(slice)).ifPresent(slices::add);
        }
        return slices;
    }

    private static List<FeedSlice> whole(Optional<BatchCutoff> cutoff) {
        List<FeedSlice> slices = new ArrayList<>();
        for (Tier tier : Tier.inFeedOrder()) {
            if (tier == Tier.PREMIUM && cutoff.isPresent()) {
                long firstSpeed = cutoff.get().firstSpeedViewPostId();
                slices.add(new FeedSlice(tier, View.SPEED, firstSpeed, Long.MAX_VALUE));
                slices.add(new FeedSlice(tier, View.BATCH, Long.MIN_VALUE, firstSpeed));
            } else {
                slices.add(new FeedSlice(tier, View.SPEED, Long.MIN_VALUE, Long.MAX_VALUE));
            }
        }
        return slices;
    }

    /** The part of this slice strictly after {@code position} in feed order; empty when none is. */
    private Optional<FeedSlice> after(FeedPosition position) {
        int order = Tier.FEED_ORDER.compare(tier, position.tier());
        if (order < 0) {
            return Optional.empty();
        }
        long end = order == 0 ? Math.min(below, position.postId()) : below;
        return end > lowest ? Optional.of(new FeedSlice(tier, view, lowest, end)) : Optional.empty();
    }

    /** The same slice, ending (exclusively) at {@code postId}: what is left after reading down to it. */
    public FeedSlice below(long postId) {
        return new FeedSlice(tier, view, lowest, Math.min(below, postId));
    }

    public boolean isEmpty() {
        return below <= lowest;
    }
}

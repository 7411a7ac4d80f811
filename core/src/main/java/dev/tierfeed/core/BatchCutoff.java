package dev.tierfeed.core;

import java.time.Instant;

/**
 * The line between the two views of premium posts (DESIGN.md): a batch-view generation holds
 * every viewer's premium backlog as of its cutoff; premium posts made after the cutoff come
 * from the speed view. Taking each post from exactly one side means no gap and no double
 * count, like Summingbird's batch ids.
 */
public record BatchCutoff(Instant cutoff) implements java.io.Serializable {

    /**
     * The smallest post id the speed view serves for premium posts: the first id after the
     * cutoff. Premium posts with smaller ids (made up to the cutoff) come from the batch view.
     */
    public long firstSpeedViewPostId() {
        return Ids.lowestAt(cutoff.plusMillis(1));
    }

    /**
     * Whether the post belongs in the viewer's premium backlog as of the cutoff: a premium post
     * made by then, addressed to the viewer by then (by their follow history as it stood), and
     * not seen by then. A pure function of the master data up to the cutoff, so recomputing a
     * generation for the same cutoff gives the same rows.
     */
    public boolean isInBacklog(long viewerId, long authorId, Tier tier, Instant postedAt, FollowHistory history, boolean seenByCutoff) {
        return tier == Tier.PREMIUM
                && !postedAt.isAfter(cutoff)
                && viewerId != authorId
                && !seenByCutoff
                && history.asOf(cutoff).addressesPostAt(postedAt);
    }
}

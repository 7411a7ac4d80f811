package dev.tierfeed.core;

import java.time.Instant;
import java.util.Optional;

/**
 * The line between the two views of premium posts (DESIGN.md): a batch-view generation holds
 * every viewer's premium backlog as of its cutoff; premium posts made after the cutoff come
 * from the speed view. Taking each post from exactly one side means no gap and no double
 * count, like Summingbird's batch ids.
 *
 * <p>Everything the batch layer computes "as of the cutoff" is defined here, as pure functions
 * of the master data up to the cutoff, so recomputing a generation or an audit for the same
 * cutoff gives the same rows whenever it runs.
 */
public record BatchCutoff(Instant cutoff) implements java.io.Serializable {

    /**
     * The smallest post id the speed view serves for premium posts: the first id after the
     * cutoff. Premium posts with smaller ids (made up to the cutoff) come from the batch view.
     */
    public long firstSpeedViewPostId() {
        return Ids.lowestAt(cutoff.plusMillis(1));
    }

    /** Whether a post made at {@code postedAt} is made by the cutoff (at it counts). */
    public boolean isMadeBy(Instant postedAt) {
        return !postedAt.isAfter(cutoff);
    }

    /** Whether a post belongs to the batch view's side of the line: premium and made by the cutoff. */
    public boolean isPremiumMadeBy(Tier tier, Instant postedAt) {
        return tier == Tier.PREMIUM && isMadeBy(postedAt);
    }

    /** Whether a seen receipt given at {@code seenAt} (empty: none) had been given by the cutoff. */
    public boolean isSeenBy(Optional<Instant> seenAt) {
        return seenAt.filter(at -> !at.isAfter(cutoff)).isPresent();
    }

    /**
     * Whether the post belongs in the viewer's premium backlog as of the cutoff: a premium post
     * made by then, addressed to the viewer by then (by their follow history as it stood), and
     * not seen by then.
     */
    public boolean isInBacklog(long viewerId, long authorId, Tier tier, Instant postedAt, FollowHistory history, Optional<Instant> seenAt) {
        return isPremiumMadeBy(tier, postedAt)
                && DeliveryPolicy.isAddressed(viewerId, authorId, postedAt, history.asOf(cutoff))
                && !isSeenBy(seenAt);
    }

    /** Where the (viewer, post) pair stood at the cutoff, by the follow history and receipts as they were then. */
    public DeliveryPolicy.Outcome outcome(DeliveryPolicy policy, long viewerId, long authorId, Tier tier, Instant postedAt,
                                          FollowHistory history, Optional<Instant> seenAt) {
        return policy.outcome(viewerId, authorId, tier, postedAt, history.asOf(cutoff), isSeenBy(seenAt), cutoff);
    }
}

package dev.tierfeed.core;

import java.time.Instant;
import java.util.Comparator;

/**
 * Where a post stands in a feed. The order of PRODUCT.md: PREMIUM, then STANDARD, then FREE;
 * inside a tier newest first; ties broken by post id, descending.
 */
public record FeedPosition(Tier tier, Instant createdAt, long postId) {

    public static final Comparator<FeedPosition> ORDER = Comparator.comparing(FeedPosition::tier, Tier.FEED_ORDER)
            .thenComparing(FeedPosition::createdAt, Comparator.reverseOrder())
            .thenComparing(FeedPosition::postId, Comparator.reverseOrder());

    public static FeedPosition of(Post post) {
        return new FeedPosition(post.tier(), post.createdAt(), post.id());
    }

    /** Whether {@code post} comes strictly after this position in the feed. */
    public boolean precedes(Post post) {
        return ORDER.compare(this, of(post)) < 0;
    }
}

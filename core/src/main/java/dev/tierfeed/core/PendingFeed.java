package dev.tierfeed.core;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pending feed of PRODUCT.md as one pure function: from the candidates (batch-view and
 * speed-view rows), the viewer's seen posts, follows and the time, to an ordered page.
 *
 * <p>A pending item is a post that {@link DeliveryPolicy#isPending} says is pending: addressed
 * to the viewer, not seen, and within its tier's retention. FREE candidates exist only where
 * the fan-out found the viewer watching when the post was made ({@link DeliveryPolicy#fanOut}),
 * so that rule is settled before a candidate reaches this class.
 *
 * <p>Serving fetches the inputs and calls {@link #page}; it decides nothing itself.
 */
public final class PendingFeed {
    private final DeliveryPolicy policy;

    public PendingFeed(TierRules rules) {
        this.policy = new DeliveryPolicy(rules);
    }

    /** Whether {@code post} is in the viewer's pending feed at {@code now} ({@link DeliveryPolicy#isPending}). */
    public boolean isPending(long viewerId, Post post, Set<Long> seen, Map<Long, FollowHistory> follows, Instant now) {
        return policy.isPending(viewerId, post, seen.contains(post.id()), follows.get(post.authorId()), now);
    }

    /**
     * The page of at most {@code limit} pending items that follows {@code after} (from the start
     * when empty), and a cursor for the next page when further pending candidates exist.
     * Candidates may repeat (a post in both views) and come in any order.
     */
    public FeedPage page(long viewerId, Collection<Post> candidates, Set<Long> seen, Map<Long, FollowHistory> follows,
                         Instant now, Optional<FeedCursor> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        Map<Long, Post> distinct = new LinkedHashMap<>();
        candidates.forEach(post -> distinct.putIfAbsent(post.id(), post));
        List<Post> pending = distinct.values().stream()
                .filter(post -> after.map(cursor -> cursor.last().precedes(post)).orElse(true))
                .filter(post -> isPending(viewerId, post, seen, follows, now))
                .sorted((a, b) -> FeedPosition.ORDER.compare(FeedPosition.of(a), FeedPosition.of(b)))
                .limit(limit + 1L)
                .toList();
        if (pending.size() <= limit) {
            return new FeedPage(pending, Optional.empty());
        }
        List<Post> items = pending.subList(0, limit);
        return new FeedPage(items, Optional.of(new FeedCursor(FeedPosition.of(items.get(limit - 1)))));
    }
}

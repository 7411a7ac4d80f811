package dev.tierfeed.core;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * The delivery rules of PRODUCT.md for one viewer and one post, in one place: whether the post
 * is addressed to the viewer, what the fan-out writes for it, and where the pair stands now
 * (pending, seen, expired unseen). The speed layer, the batch jobs and serving all ask this
 * class, so their answers cannot drift apart.
 */
public final class DeliveryPolicy implements Serializable {

    /** Where a (viewer, post) pair stands at a moment. */
    public enum Outcome {
        /** not the viewer's business: own post, not followed when posted, or not followed now */
        NOT_ADDRESSED,
        /** addressed and acknowledged as shown */
        SEEN,
        /** addressed, unseen and within its tier's retention: in the pending feed */
        PENDING,
        /** addressed and unseen, but past its tier's retention: the promise lapsed */
        EXPIRED_UNSEEN
    }

    private final TierRules rules;

    public DeliveryPolicy(TierRules rules) {
        this.rules = rules;
    }

    public TierRules rules() {
        return rules;
    }

    /**
     * Whether a post made at {@code postedAt} by {@code authorId} is addressed to the viewer: not
     * their own, and they followed the author then and still do ({@link FollowHistory#addressesPostAt}).
     *
     * @param follow the viewer's history with the author, or null when they never followed
     */
    public static boolean isAddressed(long viewerId, long authorId, Instant postedAt, FollowHistory follow) {
        return viewerId != authorId && follow != null && follow.addressesPostAt(postedAt);
    }

    /**
     * What the fan-out writes for a follower of the post's author at {@code now}: nothing for the
     * author or a post not addressed to the follower, or too old to be pending anywhere;
     * a row for PREMIUM and STANDARD posts; a row only if the follower was watching for FREE posts.
     */
    public FanOut fanOut(long followerId, Post post, FollowHistory follow, Instant now) {
        Optional<java.time.Duration> ttl = rules.speedViewTtl(post, now);
        if (ttl.isEmpty() || !isAddressed(followerId, post.authorId(), post.createdAt(), follow)) {
            return FanOut.skip();
        }
        return post.tier() == Tier.FREE
                ? FanOut.pushIfWatching(ttl.get(), rules.watchingWindow(post.createdAt()))
                : FanOut.push(ttl.get());
    }

    /**
     * Whether the post goes to a follower connected to the live stream since {@code connectedSince}:
     * exactly what the fan-out writes for them, where a FREE post needs the connection to have been
     * open when it was posted (a connected viewer is watching, and the stream records it as presence).
     */
    public boolean reachesLive(long viewerId, Post post, FollowHistory follow, Instant connectedSince, Instant now) {
        return switch (fanOut(viewerId, post, follow, now).kind()) {
            case SKIP -> false;
            case PUSH -> true;
            case PUSH_IF_WATCHING -> !connectedSince.isAfter(post.createdAt());
        };
    }

    /** Where the pair stands at {@code now}; {@code seen} is whether the viewer acknowledged the post by then. */
    public Outcome outcome(long viewerId, long authorId, Tier tier, Instant postedAt, FollowHistory follow, boolean seen, Instant now) {
        if (!isAddressed(viewerId, authorId, postedAt, follow)) {
            return Outcome.NOT_ADDRESSED;
        }
        if (seen) {
            return Outcome.SEEN;
        }
        return rules.isWithinRetention(tier, postedAt, now) ? Outcome.PENDING : Outcome.EXPIRED_UNSEEN;
    }

    /**
     * Whether the post is in the viewer's pending feed at {@code now}. FREE posts reach a viewer's
     * views only where the fan-out found them watching, so that rule is settled before this.
     */
    public boolean isPending(long viewerId, Post post, boolean seen, FollowHistory follow, Instant now) {
        return outcome(viewerId, post.authorId(), post.tier(), post.createdAt(), follow, seen, now) == Outcome.PENDING;
    }
}

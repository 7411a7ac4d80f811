package dev.tierfeed.core;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An account's tier. A post carries its author's tier at the moment it was posted; the tier
 * decides how long the post waits in a follower's feed (see PRODUCT.md).
 *
 * <p>Each tier has a fixed {@link #rank()}: its place in the feed (premium first, then standard,
 * then free) and the number stored for it (the speed view's {@code tier_rank}, page tokens). It
 * is spelled out rather than taken from the declaration order, so that reordering or adding
 * constants can never change what rows and tokens already written mean.
 */
public enum Tier {
    PREMIUM(0),
    STANDARD(1),
    FREE(2);

    /** Feed order: lower rank first. */
    public static final Comparator<Tier> FEED_ORDER = Comparator.comparingInt(Tier::rank);

    private static final List<Tier> IN_FEED_ORDER = Arrays.stream(values()).sorted(FEED_ORDER).toList();
    private static final String NAMES = IN_FEED_ORDER.stream().map(Enum::name).collect(Collectors.joining(", "));

    private final int rank;

    Tier(int rank) {
        this.rank = rank;
    }

    /** The stored rank, which is also the feed order. Never change a tier's rank: stored rows hold it. */
    public int rank() {
        return rank;
    }

    /** The tier stored as {@code rank}; refuses a number that is no tier's rank. */
    public static Tier ofRank(long rank) {
        return IN_FEED_ORDER.stream().filter(tier -> tier.rank == rank).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tier has rank " + rank));
    }

    /** Every tier, in feed order. */
    public static List<Tier> inFeedOrder() {
        return IN_FEED_ORDER;
    }

    /** Parses a tier name exactly as documented ({@code PREMIUM}, {@code STANDARD}, {@code FREE}), or refuses it. */
    public static Tier parse(String name) {
        if (name == null || name.isEmpty()) {
            throw new ValidationException("tier_required", "tier is required, one of " + NAMES);
        }
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("unknown_tier", "unknown tier '" + name + "', expected one of " + NAMES);
        }
    }
}

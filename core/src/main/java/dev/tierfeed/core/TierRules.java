package dev.tierfeed.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The tier rules of PRODUCT.md with their settings: how long a post stays pending per tier,
 * when a viewer counts as watching, and how long speed-view rows live. Every layer (streaming,
 * batch, serving) asks this class; none computes these rules itself. The adapters read the
 * settings (serving's YAML, the Spark jobs' options) and hand them here; {@code core} reads no
 * configuration itself.
 *
 * @param standardRetention a STANDARD post is pending while younger than this (default 7 days)
 * @param freeRetention     a FREE post is pending while younger than this (default 24 h)
 * @param presenceWindow    a viewer is watching at t after a feed request within this window before t (60 s)
 * @param premiumSpeedTtl   how long a PREMIUM speed-view row lives: longer than any gap between two
 *                          successful batch runs, which take over older premium posts (3 days)
 */
public record TierRules(Duration standardRetention, Duration freeRetention, Duration presenceWindow, Duration premiumSpeedTtl)
        implements java.io.Serializable {

    public static final TierRules DEFAULTS = new TierRules(Duration.ofDays(7), Duration.ofHours(24), Duration.ofSeconds(60), Duration.ofDays(3));

    public TierRules {
        requirePositive("standard retention", standardRetention);
        requirePositive("free retention", freeRetention);
        requirePositive("presence window", presenceWindow);
        requirePositive("premium speed TTL", premiumSpeedTtl);
    }

    /** Whether the post is still within its tier's retention at {@code now}; premium always is. */
    public boolean isWithinRetention(Post post, Instant now) {
        return isWithinRetention(post.tier(), post.createdAt(), now);
    }

    /** {@link #isWithinRetention(Post, Instant)} for a post of {@code tier} made at {@code createdAt}. */
    public boolean isWithinRetention(Tier tier, Instant createdAt, Instant now) {
        Duration age = Duration.between(createdAt, now);
        return switch (tier) {
            case PREMIUM -> true;
            case STANDARD -> age.compareTo(standardRetention) < 0;
            case FREE -> age.compareTo(freeRetention) < 0;
        };
    }

    /**
     * How long a speed-view row for this post should live when written at {@code now}: its tier's
     * lifetime counted from the post's creation, so a row written late (a replay) expires at the
     * same instant. Empty when that instant has passed and no row should be written.
     */
    public Optional<Duration> speedViewTtl(Post post, Instant now) {
        Duration life = switch (post.tier()) {
            case PREMIUM -> premiumSpeedTtl;
            case STANDARD -> standardRetention;
            case FREE -> freeRetention;
        };
        Duration left = life.minus(age(post, now));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /**
     * When a viewer must have made a feed request or heartbeat to count as watching at
     * {@code postedAt}: within the presence window before it, inclusive. Activity after the post
     * does not count, so the answer does not change when it is asked again later (a replay).
     */
    public WatchingWindow watchingWindow(Instant postedAt) {
        return new WatchingWindow(postedAt.minus(presenceWindow), postedAt);
    }

    /** The longest any speed-view row lives: how far back a post can still be delivered from the speed view. */
    public Duration longestSpeedViewLifetime() {
        Duration longest = premiumSpeedTtl;
        for (Duration life : List.of(standardRetention, freeRetention)) {
            longest = life.compareTo(longest) > 0 ? life : longest;
        }
        return longest;
    }

    /**
     * How long a record of presence must be kept: the fan-out of a FREE post made up to a presence
     * window after it may run (late, or replayed) until the post's free retention is over.
     */
    public Duration presenceLifetime() {
        return freeRetention.plus(presenceWindow);
    }

    /**
     * A stored row's TTL for a lifetime: whole seconds, rounded up, plus one. Cassandra counts a
     * TTL from the write time truncated to the second, so without the extra second a row could
     * expire up to a second before its lifetime ends. Readers apply the rules exactly; a row only
     * has to outlive them.
     */
    public static int ttlSeconds(Duration lifetime) {
        return (int) ((lifetime.toMillis() + 999) / 1000) + 1;
    }

    /** Whether a viewer with these feed requests or heartbeats was watching at {@code postedAt}. */
    public boolean isWatching(Collection<Instant> activity, Instant postedAt) {
        WatchingWindow window = watchingWindow(postedAt);
        return activity.stream().anyMatch(window::contains);
    }

    private static Duration age(Post post, Instant now) {
        return Duration.between(post.createdAt(), now);
    }

    private static void requirePositive(String name, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + duration);
        }
    }
}

package dev.tierfeed.core;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tier rules of PRODUCT.md with their settings: how long a post stays pending per tier,
 * when a viewer counts as watching, and how long speed-view rows live. Every layer (streaming,
 * batch, serving) asks this class; none computes these rules itself.
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

    /**
     * Reads the settings from TIERFEED_STANDARD_RETENTION, TIERFEED_FREE_RETENTION,
     * TIERFEED_PRESENCE_WINDOW and TIERFEED_PREMIUM_SPEED_TTL (ISO-8601 durations such as P7D,
     * PT24H, PT60S); a missing one takes its default, a malformed one is refused.
     */
    public static TierRules fromEnvironment(Function<String, String> env) {
        return new TierRules(
                duration(env, "TIERFEED_STANDARD_RETENTION", DEFAULTS.standardRetention),
                duration(env, "TIERFEED_FREE_RETENTION", DEFAULTS.freeRetention),
                duration(env, "TIERFEED_PRESENCE_WINDOW", DEFAULTS.presenceWindow),
                duration(env, "TIERFEED_PREMIUM_SPEED_TTL", DEFAULTS.premiumSpeedTtl));
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

    /** The earliest feed request or heartbeat that makes a viewer watching at {@code postedAt}. */
    public Instant watchingSince(Instant postedAt) {
        return postedAt.minus(presenceWindow);
    }

    /**
     * Whether a viewer with these feed requests or heartbeats was watching at {@code postedAt}:
     * one of them lies within the presence window before it (inclusive). Activity after the
     * post does not count, so the answer does not change when it is asked again later.
     */
    public boolean isWatching(Collection<Instant> activity, Instant postedAt) {
        Instant since = watchingSince(postedAt);
        return activity.stream().anyMatch(at -> !at.isBefore(since) && !at.isAfter(postedAt));
    }

    private static Duration age(Post post, Instant now) {
        return Duration.between(post.createdAt(), now);
    }

    private static Duration duration(Function<String, String> env, String name, Duration fallback) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            Duration duration = Duration.parse(value.trim());
            requirePositive(name, duration);
            return duration;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as P7D or PT60S, was '" + value + "'");
        }
    }

    private static void requirePositive(String name, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + duration);
        }
    }
}

package dev.tierfeed.core;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * What the speed layer does with one post for one follower, as {@link DeliveryPolicy#fanOut}
 * decides it: write a speed-view row ({@link Kind#PUSH}), write one only if the follower was
 * watching when the post was made ({@link Kind#PUSH_IF_WATCHING}, FREE posts), or nothing.
 *
 * @param ttl      how long the row lives, counted so that it expires when the post's tier
 *                 lifetime ends however late it is written; null for {@link Kind#SKIP}
 * @param watching when the follower must have been active, for {@link Kind#PUSH_IF_WATCHING}
 */
public record FanOut(Kind kind, Duration ttl, WatchingWindow watching) implements Serializable {

    public enum Kind { SKIP, PUSH, PUSH_IF_WATCHING }

    private static final FanOut SKIP = new FanOut(Kind.SKIP, null, null);

    public FanOut {
        Objects.requireNonNull(kind);
        if (kind != Kind.SKIP && (ttl == null || ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("a delivered row needs a positive TTL, was " + ttl);
        }
        if (kind == Kind.PUSH_IF_WATCHING && watching == null) {
            throw new IllegalArgumentException("a delivery that depends on presence needs its window");
        }
    }

    static FanOut skip() {
        return SKIP;
    }

    static FanOut push(Duration ttl) {
        return new FanOut(Kind.PUSH, ttl, null);
    }

    static FanOut pushIfWatching(Duration ttl, WatchingWindow watching) {
        return new FanOut(Kind.PUSH_IF_WATCHING, ttl, watching);
    }

    /** Whether the writer has to look up the follower's presence before deciding. */
    public boolean needsPresence() {
        return kind == Kind.PUSH_IF_WATCHING;
    }

    /**
     * Whether a row is written, given the follower's feed requests and heartbeats around the
     * post (only consulted when {@link #needsPresence()}).
     */
    public boolean delivers(Collection<Instant> presence) {
        return switch (kind) {
            case SKIP -> false;
            case PUSH -> true;
            case PUSH_IF_WATCHING -> presence.stream().anyMatch(watching::contains);
        };
    }

    /** The row's TTL in seconds ({@link TierRules#ttlSeconds}). */
    public int ttlSeconds() {
        if (kind == Kind.SKIP) {
            throw new IllegalStateException("nothing is written, so there is no TTL");
        }
        return TierRules.ttlSeconds(ttl);
    }
}

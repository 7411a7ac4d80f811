package dev.tierfeed.core;

import java.time.Instant;
import java.util.Objects;

/** An account and its public profile. Its id is time-ordered, so {@code createdAt} is the id's instant. */
public record User(long id, Handle handle, Tier tier, Instant createdAt, Profile profile) {
    public User {
        Objects.requireNonNull(profile, "profile");
    }

    /** A user whose profile is still empty (a new account). */
    public User(long id, Handle handle, Tier tier, Instant createdAt) {
        this(id, handle, tier, createdAt, Profile.EMPTY);
    }
}

package dev.tierfeed.core;

import java.time.Instant;

/** An account. Its id is time-ordered, so {@code createdAt} is the id's instant. */
public record User(long id, Handle handle, Tier tier, Instant createdAt) {
}

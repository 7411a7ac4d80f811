package dev.tierfeed.core;

import java.time.Instant;

/**
 * A post, immutable once accepted. {@code tier} is the author's tier when the post was made;
 * {@code createdAt} is the instant encoded in {@code id}.
 */
public record Post(long id, long authorId, Tier tier, PostText text, Instant createdAt) {

    /** A new post whose creation time is taken from its id. */
    public static Post create(long id, long authorId, Tier tier, PostText text) {
        return new Post(id, authorId, tier, text, Ids.instantOf(id));
    }
}

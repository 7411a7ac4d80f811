package dev.tierfeed.core;

import java.time.Instant;
import java.util.List;

/**
 * A post, immutable once accepted. {@code tier} is the author's tier when the post was made;
 * {@code createdAt} is the instant encoded in {@code id}. A post has text, media, or both: its
 * text may be empty only when it carries media (at most {@link #MAX_MEDIA}).
 */
public record Post(long id, long authorId, Tier tier, PostText text, Instant createdAt, List<MediaRef> media) {
    public static final int MAX_MEDIA = 4;

    public Post {
        media = List.copyOf(media);
        requireContent(text, media.size());
    }

    /** A post without media. */
    public Post(long id, long authorId, Tier tier, PostText text, Instant createdAt) {
        this(id, authorId, tier, text, createdAt, List.of());
    }

    /** A new post whose creation time is taken from its id. */
    public static Post create(long id, long authorId, Tier tier, PostText text) {
        return create(id, authorId, tier, text, List.of());
    }

    public static Post create(long id, long authorId, Tier tier, PostText text, List<MediaRef> media) {
        return new Post(id, authorId, tier, text, Ids.instantOf(id), media);
    }

    /** Refuses a post with neither text nor media, or with more media than a post may carry. */
    public static void requireContent(PostText text, int mediaCount) {
        if (mediaCount > MAX_MEDIA) {
            throw new ValidationException("too_many_media", "a post carries at most " + MAX_MEDIA + " media, not " + mediaCount);
        }
        if (text.isEmpty() && mediaCount == 0) {
            throw new ValidationException("text_required",
                    "text is required (1 to " + PostText.MAX_CODE_POINTS + " characters) unless the post carries media");
        }
    }
}

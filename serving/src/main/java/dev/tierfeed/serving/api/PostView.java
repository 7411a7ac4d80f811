package dev.tierfeed.serving.api;

import dev.tierfeed.core.Ids;
import dev.tierfeed.core.Post;
import java.util.List;

/** A post with its author; {@code tier} is the author's tier when it was posted. */
public record PostView(String id, String authorId, AuthorView author, String tier, String text, String createdAt, List<MediaView> media) {
    public static PostView of(Post post, AuthorView author) {
        return new PostView(Ids.format(post.id()), Ids.format(post.authorId()), author, post.tier().name(),
                post.text().value(), post.createdAt().toString(), MediaView.of(post.media()));
    }
}

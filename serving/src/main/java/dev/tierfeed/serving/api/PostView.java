package dev.tierfeed.serving.api;

import dev.tierfeed.core.Ids;
import dev.tierfeed.core.Post;
import java.util.List;

/** A post; {@code tier} is the author's tier when it was posted. */
public record PostView(String id, String authorId, String tier, String text, String createdAt, List<MediaView> media) {
    public static PostView of(Post post) {
        return new PostView(Ids.format(post.id()), Ids.format(post.authorId()), post.tier().name(),
                post.text().value(), post.createdAt().toString(), MediaView.of(post.media()));
    }
}

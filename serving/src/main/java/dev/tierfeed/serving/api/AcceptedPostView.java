package dev.tierfeed.serving.api;

import dev.tierfeed.core.Ids;
import dev.tierfeed.core.Post;
import java.util.List;

/** The answer to an accepted post: it is in the log and on its way to the feeds. */
public record AcceptedPostView(String id, String authorId, String tier, String createdAt, List<MediaView> media) {
    public static AcceptedPostView of(Post post) {
        return new AcceptedPostView(Ids.format(post.id()), Ids.format(post.authorId()), post.tier().name(), post.createdAt().toString(),
                MediaView.of(post.media()));
    }
}

package dev.tierfeed.serving.api;

import dev.tierfeed.core.Ids;
import dev.tierfeed.core.Post;
import java.util.List;

/** One page of a feed; {@code nextPageToken} is null on the last page. */
public record FeedPageView(List<Item> items, String nextPageToken) {

    /** A feed item: the post with its author, and the tier it is delivered under. */
    public record Item(Content post, String tier) {
        public static Item of(Post post, AuthorView author) {
            return new Item(new Content(Ids.format(post.id()), Ids.format(post.authorId()), author, post.text().value(),
                    post.createdAt().toString(), MediaView.of(post.media())), post.tier().name());
        }
    }

    public record Content(String id, String authorId, AuthorView author, String text, String createdAt, List<MediaView> media) {
    }
}

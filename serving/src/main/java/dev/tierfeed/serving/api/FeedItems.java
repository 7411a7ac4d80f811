package dev.tierfeed.serving.api;

import dev.tierfeed.core.Post;
import dev.tierfeed.core.User;
import dev.tierfeed.serving.db.UserCache;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Feed items as clients see them, each post with its author, the authors read once for the whole list without blocking. */
public final class FeedItems {
    private FeedItems() {
    }

    public static CompletableFuture<List<FeedPageView.Item>> of(List<Post> posts, UserCache users) {
        return users.findAll(posts.stream().map(Post::authorId).distinct().toList()).thenApply(authors -> items(posts, authors));
    }

    /** Users are never deleted: every author of a post is found. */
    private static List<FeedPageView.Item> items(List<Post> posts, Map<Long, User> authors) {
        return posts.stream().map(post -> FeedPageView.Item.of(post, AuthorView.of(authors.get(post.authorId())))).toList();
    }
}

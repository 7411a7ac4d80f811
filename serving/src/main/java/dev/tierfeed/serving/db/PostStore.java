package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.tierfeed.core.MediaRef;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PostText;
import dev.tierfeed.core.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Reads posts that the streaming job has persisted. */
public final class PostStore {
    private final CqlSession session;
    private final PreparedStatement byId;
    private final PreparedStatement newestByAuthor;
    private final PreparedStatement olderByAuthor;
    private final PreparedStatement rangeByAuthor;

    public PostStore(CqlSession session) {
        this.session = session;
        this.byId = Cql.prepare(session, "SELECT id, author_id, tier, text, created_at, media FROM posts WHERE id = ?");
        String byAuthor = "SELECT id, author_id, tier, text, created_at, media FROM posts_by_author WHERE author_id = ?";
        this.newestByAuthor = Cql.prepare(session, byAuthor + " LIMIT ?");
        this.olderByAuthor = Cql.prepare(session, byAuthor + " AND id < ? LIMIT ?");
        this.rangeByAuthor = Cql.prepare(session, byAuthor + " AND id < ? AND id >= ? LIMIT ?");
    }

    public Optional<Post> find(long id) {
        return Optional.ofNullable(session.execute(byId.bind(id)).one()).map(PostStore::toPost);
    }

    /** An author's posts, newest first, with ids below {@code beforeId} when given. */
    public List<Post> byAuthor(long authorId, Long beforeId, int limit) {
        var statement = beforeId == null ? newestByAuthor.bind(authorId, limit) : olderByAuthor.bind(authorId, beforeId, limit);
        List<Post> posts = new ArrayList<>(limit);
        session.execute(statement).forEach(row -> posts.add(toPost(row)));
        return posts;
    }

    /** Up to {@code limit} posts of the author with ids in [lowest, below), newest first (for pulling an author). */
    public CompletableFuture<List<Post>> byAuthorBetween(long authorId, long lowest, long below, int limit) {
        return AsyncRows.all(session.executeAsync(rangeByAuthor.bind(authorId, below, lowest, limit)))
                .thenApply(rows -> rows.stream().map(PostStore::toPost).toList());
    }

    private static Post toPost(Row row) {
        return new Post(row.getLong("id"), row.getLong("author_id"), Tier.valueOf(row.getString("tier")),
                new PostText(row.getString("text")), row.getInstant("created_at"), MediaRef.fromColumn(row.getString("media")));
    }
}

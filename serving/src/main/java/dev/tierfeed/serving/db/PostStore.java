package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PostText;
import dev.tierfeed.core.Tier;
import java.util.Optional;

/** Reads posts that the streaming job has persisted. */
public final class PostStore {
    private final CqlSession session;
    private final PreparedStatement byId;

    public PostStore(CqlSession session) {
        this.session = session;
        this.byId = session.prepare("SELECT id, author_id, tier, text, created_at FROM posts WHERE id = ?");
    }

    public Optional<Post> find(long id) {
        return Optional.ofNullable(session.execute(byId.bind(id)).one()).map(PostStore::toPost);
    }

    static Post toPost(Row row) {
        return new Post(row.getLong("id"), row.getLong("author_id"), Tier.valueOf(row.getString("tier")),
                new PostText(row.getString("text")), row.getInstant("created_at"));
    }
}

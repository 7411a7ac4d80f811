package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PostText;
import dev.tierfeed.core.Tier;
import java.util.ArrayList;
import java.util.List;

/** Reads a viewer's speed-view rows, newest first. */
public final class FeedStore {
    private final CqlSession session;
    private final PreparedStatement newest;
    private final PreparedStatement olderThan;

    public FeedStore(CqlSession session) {
        this.session = session;
        String columns = "SELECT post_id, author_id, tier, text, created_at FROM speed_feed WHERE viewer_id = ?";
        this.newest = session.prepare(columns + " LIMIT ?");
        this.olderThan = session.prepare(columns + " AND post_id < ? LIMIT ?");
    }

    /** Up to {@code limit} posts of the viewer's speed view, older than {@code beforePostId} if given. */
    public List<Post> speedView(long viewerId, Long beforePostId, int limit) {
        var statement = beforePostId == null ? newest.bind(viewerId, limit) : olderThan.bind(viewerId, beforePostId, limit);
        List<Post> posts = new ArrayList<>(limit);
        for (Row row : session.execute(statement)) {
            posts.add(new Post(row.getLong("post_id"), row.getLong("author_id"), Tier.valueOf(row.getString("tier")),
                    new PostText(row.getString("text")), row.getInstant("created_at")));
        }
        return posts;
    }
}

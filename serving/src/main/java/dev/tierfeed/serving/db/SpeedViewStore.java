package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PostText;
import dev.tierfeed.core.Tier;
import java.util.ArrayList;
import java.util.List;

/** Reads a viewer's speed-view rows of one tier, newest first: a slice of one partition. */
public final class SpeedViewStore {
    private final CqlSession session;
    private final PreparedStatement newest;
    private final PreparedStatement olderThan;

    public SpeedViewStore(CqlSession session) {
        this.session = session;
        String select = "SELECT post_id, author_id, text, created_at FROM speed_view WHERE viewer_id = ? AND tier_rank = ?";
        this.newest = session.prepare(select + " LIMIT ?");
        this.olderThan = session.prepare(select + " AND post_id < ? LIMIT ?");
    }

    /** Up to {@code limit} rows of {@code tier}, with ids below {@code beforePostId} when given. */
    public List<Post> read(long viewer, Tier tier, Long beforePostId, int limit) {
        var statement = beforePostId == null
                ? newest.bind(viewer, tier.ordinal(), limit)
                : olderThan.bind(viewer, tier.ordinal(), beforePostId, limit);
        List<Post> posts = new ArrayList<>(limit);
        for (Row row : session.execute(statement)) {
            posts.add(new Post(row.getLong("post_id"), row.getLong("author_id"), tier,
                    new PostText(row.getString("text")), row.getInstant("created_at")));
        }
        return posts;
    }
}

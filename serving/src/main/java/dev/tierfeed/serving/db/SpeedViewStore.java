package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tierfeed.core.MediaRef;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PostText;
import dev.tierfeed.core.Tier;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Reads a viewer's speed-view rows of one tier, newest first: a slice of one partition. */
public final class SpeedViewStore {
    private final CqlSession session;
    private final PreparedStatement slice;

    public SpeedViewStore(CqlSession session) {
        this.session = session;
        this.slice = Cql.prepare(session, "SELECT post_id, author_id, text, created_at, media FROM speed_view"
                + " WHERE viewer_id = ? AND tier_rank = ? AND post_id < ? AND post_id >= ? LIMIT ?");
    }

    /** Up to {@code limit} rows of {@code tier} with ids in [lowest, below), newest first. */
    public CompletableFuture<List<Post>> read(long viewer, Tier tier, long lowest, long below, int limit) {
        // by position (the SELECT's order): looking columns up by name costs more than the rest
        return AsyncRows.all(session.executeAsync(slice.bind(viewer, tier.rank(), below, lowest, limit))).thenApply(rows -> rows.stream()
                .map(row -> new Post(row.getLong(0), row.getLong(1), tier, new PostText(row.getString(2)), row.getInstant(3),
                        MediaRef.fromColumn(row.getString(4)))).toList());
    }
}

package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Seen receipts. Insert-only: the feed is filtered against them at read time, so no feed row
 * is ever deleted (no tombstones in the partitions every feed read scans).
 */
public final class SeenStore {
    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement among;

    public SeenStore(CqlSession session) {
        this.session = session;
        this.insert = Cql.prepare(session, "INSERT INTO seen (viewer_id, post_id, seen_at) VALUES (?, ?, ?)");
        this.among = Cql.prepare(session, "SELECT post_id FROM seen WHERE viewer_id = ? AND post_id IN ?");
    }

    /** Records the receipts in one single-partition batch: all of them or none. */
    public void markSeen(long viewer, Collection<Long> postIds, Instant at) {
        session.execute(Cql.batch(DefaultBatchType.UNLOGGED, postIds.stream().map(post -> insert.bind(viewer, post, at)).toList()));
    }

    /** Which of these posts the viewer has seen. */
    public CompletableFuture<Set<Long>> seenAmong(long viewer, Collection<Long> postIds) {
        if (postIds.isEmpty()) {
            return CompletableFuture.completedFuture(Set.of());
        }
        return AsyncRows.all(session.executeAsync(among.bind(viewer, List.copyOf(postIds)))).thenApply(rows -> {
            Set<Long> seen = new HashSet<>();
            rows.forEach(row -> seen.add(row.getLong(0)));
            return seen;
        });
    }
}

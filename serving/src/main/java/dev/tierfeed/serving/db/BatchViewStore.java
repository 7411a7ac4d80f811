package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.tierfeed.core.BatchCutoff;
import dev.tierfeed.core.MediaRef;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PostText;
import dev.tierfeed.core.StorageNames;
import dev.tierfeed.core.Tier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the batch view: the pointer to the current generation, and a viewer's premium backlog
 * in it. The pointer is re-read at most every {@link #POINTER_REFRESH}; the batch keeps the
 * previous generation when it flips, so a reader a moment behind still finds its table.
 */
public final class BatchViewStore {
    static final Duration POINTER_REFRESH = Duration.ofSeconds(2);
    private static final String VIEW = StorageNames.PREMIUM_BACKLOG_VIEW;

    private final CqlSession session;
    private final Clock clock;
    private final PreparedStatement pointer;
    private final Map<Long, CompletableFuture<PreparedStatement>> reads = new ConcurrentHashMap<>();
    private volatile Cached cached;

    /** A complete generation of the batch view and the cutoff it covers. */
    public record Generation(long number, Instant cutoff) {
        public BatchCutoff batchCutoff() {
            return new BatchCutoff(cutoff);
        }
    }

    private record Cached(Optional<Generation> generation, Instant readAt) {
    }

    public BatchViewStore(CqlSession session, Clock clock) {
        this.session = session;
        this.clock = clock;
        this.pointer = Cql.prepare(session, "SELECT generation, cutoff FROM batch_pointer WHERE view_name = ?");
    }

    /** The generation readers use now, if the batch has ever completed one. */
    public Optional<Generation> current() {
        Cached last = cached;
        Instant now = clock.instant();
        if (last == null || Duration.between(last.readAt(), now).compareTo(POINTER_REFRESH) > 0) {
            last = new Cached(readPointer(), now);
            cached = last;
        }
        return last.generation();
    }

    /** The pointer as it is in Cassandra now, uncached (for the readiness check). */
    public Optional<Generation> readPointer() {
        Row row = session.execute(pointer.bind(VIEW)).one();
        return row == null ? Optional.empty() : Optional.of(new Generation(row.getLong("generation"), row.getInstant("cutoff")));
    }

    /**
     * Up to {@code limit} backlog posts of the viewer with ids in [lowest, below), newest first.
     * Never waits: feed reads call it from the driver's threads, where the driver refuses a blocking
     * call, so a generation's statement is prepared asynchronously once (and again after a failure).
     */
    public CompletableFuture<List<Post>> read(Generation generation, long viewer, long lowest, long below, int limit) {
        return statementFor(generation.number())
                .thenCompose(read -> AsyncRows.all(session.executeAsync(read.bind(viewer, below, lowest, limit))))
                .thenApply(rows -> rows.stream()
                        .map(row -> new Post(row.getLong(0), row.getLong(1), Tier.PREMIUM, new PostText(row.getString(2)), row.getInstant(3),
                                MediaRef.fromColumn(row.getColumnDefinitions().size() > 4 ? row.getString(4) : null)))
                        .toList());
    }

    /**
     * Whether a generation's table has the media column: a generation written before schema V6 has
     * not, and its posts read as having none. A table the driver's schema metadata does not know
     * yet is a new one, made from the current DDL.
     */
    private boolean hasMedia(String table) {
        return session.getKeyspace().flatMap(keyspace -> session.getMetadata().getKeyspace(keyspace))
                .flatMap(keyspace -> keyspace.getTable(table))
                .map(metadata -> metadata.getColumn("media").isPresent())
                .orElse(true);
    }

    private CompletableFuture<PreparedStatement> statementFor(long generation) {
        CompletableFuture<PreparedStatement> statement = reads.computeIfAbsent(generation, number -> Cql.prepareAsync(session,
                "SELECT post_id, author_id, text, created_at" + (hasMedia(StorageNames.batchViewTable(number)) ? ", media" : "")
                        + " FROM " + StorageNames.batchViewTable(number)
                        + " WHERE viewer_id = ? AND post_id < ? AND post_id >= ? LIMIT ?").toCompletableFuture());
        if (!statement.isDone()) { // once prepared, a read adds nothing to the statement's stage
            statement.whenComplete((prepared, failure) -> {
                if (failure != null) {
                    reads.remove(generation, statement);
                }
            });
        } else if (statement.isCompletedExceptionally()) {
            reads.remove(generation, statement); // prepared again by the next read
        }
        return statement;
    }
}

package dev.tierfeed.streaming;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import dev.tierfeed.core.DeliveryPolicy;
import dev.tierfeed.core.FollowHistory;
import dev.tierfeed.core.MediaRef;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PullPeriods;
import dev.tierfeed.core.WatchingWindow;
import dev.tierfeed.streaming.FanOutPlanner.Decision;
import dev.tierfeed.streaming.FanOutPlanner.Follower;
import dev.tierfeed.streaming.FanOutPlanner.SpeedRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Persists posts and writes their fan-out to the speed view: reads each author's followers and
 * the presence the FREE posts need, lets {@link FanOutPlanner} (and through it {@code core})
 * decide, and writes the rows; it reports what it did and how long each step took.
 *
 * <p>Every write is an upsert keyed by ids the service generated, and "watching at t" looks
 * only at presence up to t, so writing a post again (a replay after a crash) writes the same
 * rows with the same expiry. Writes go in unlogged batches grouped by partition and replicas
 * ({@link WriteBatches}). Reads and writes are at LOCAL_QUORUM and marked idempotent ({@link Cql}), so the
 * driver sends one lost with a node to another. They run asynchronously, a bounded number at a time:
 * the semaphore holds back the calling task thread, which the driver's own request throttler
 * would not (it queues, then rejects, once its limit is reached).
 */
final class FanOutWriter {
    /**
     * Cassandra too busy to answer in time: every statement here is idempotent (upserts with a fixed
     * TTL, reads), so it is run again after a pause; the request keeps its slot meanwhile, which
     * holds the task back while Cassandra catches up. After the last attempt the batch fails and
     * is replayed from the checkpoint.
     */
    private static final Retries RETRIES_WHEN_BUSY = new Retries(5, Duration.ofMillis(200), FanOutWriter::isTransient);
    private static final GenericType<List<TupleValue>> PERIODS = GenericType.listOf(TupleValue.class);
    private static final int KEYS_PER_READ = 50;
    private final int writeBatchSize;
    private final CqlIdentifier keyspace;
    private final Optional<TokenMap> tokenMap;

    private final CqlSession session;
    private final FanOutPlanner planner;
    private final Clock clock;
    private final Semaphore inFlight;
    private final PreparedStatement insertPost;
    private final PreparedStatement insertPostByAuthor;
    private final PreparedStatement followers;
    private final PreparedStatement presence;
    private final PreparedStatement insertSpeedRow;
    private final PreparedStatement pullPeriods;

    /**
     * @param maxInFlight    how many requests may be outstanding at once
     * @param writeBatchSize how many writes one unlogged batch holds at most ({@link WriteBatches})
     */
    FanOutWriter(CqlSession session, String keyspace, DeliveryPolicy policy, Clock clock, int maxInFlight, int writeBatchSize) {
        this.session = session;
        this.planner = new FanOutPlanner(policy);
        this.clock = clock;
        this.writeBatchSize = writeBatchSize;
        this.inFlight = new Semaphore(maxInFlight);
        this.keyspace = CqlIdentifier.fromCql(keyspace);
        this.tokenMap = session.getMetadata().getTokenMap();
        this.insertPost = Cql.prepare(session, "INSERT INTO " + keyspace + ".posts (id, author_id, tier, text, created_at, media) VALUES (?, ?, ?, ?, ?, ?)");
        this.insertPostByAuthor = Cql.prepare(session, "INSERT INTO " + keyspace
                + ".posts_by_author (author_id, id, tier, text, created_at, media) VALUES (?, ?, ?, ?, ?, ?)");
        this.followers = Cql.prepare(session, "SELECT followee_id, follower_id, since FROM " + keyspace + ".followers WHERE followee_id IN ?");
        this.presence = Cql.prepare(session, "SELECT viewer_id, seen_at FROM " + keyspace
                + ".presence WHERE viewer_id IN ? AND seen_at >= ? AND seen_at <= ?");
        this.pullPeriods = Cql.prepare(session, "SELECT author_id, since, ended FROM " + keyspace + ".pulled_authors");
        this.insertSpeedRow = Cql.prepare(session, "INSERT INTO " + keyspace
                + ".speed_view (viewer_id, tier_rank, post_id, author_id, text, created_at, media) VALUES (?, ?, ?, ?, ?, ?, ?) USING TTL ?");
    }

    /** A post without media leaves its media cell unset: binding null would write a tombstone per row. */
    private static BoundStatement withMedia(BoundStatement insert, String media) {
        return media == null ? insert.unset("media") : insert;
    }

    /**
     * Writes every post and all its deliveries and waits for them. Only the calling (Spark task)
     * thread ever blocks, on the limit of requests in flight; driver callbacks never do.
     */
    FanOutStats write(List<Post> posts) {
        FanOutStats.Timer timer = new FanOutStats.Timer();
        List<BoundStatement> writes = new ArrayList<>();
        for (Post post : posts) {
            String media = MediaRef.toColumn(post.media());
            writes.add(withMedia(insertPost.bind(post.id(), post.authorId(), post.tier().name(), post.text().value(), post.createdAt(), media), media));
            writes.add(withMedia(insertPostByAuthor.bind(post.authorId(), post.id(), post.tier().name(), post.text().value(), post.createdAt(), media), media));
        }
        Instant now = clock.instant();
        Map<Long, List<Follower>> followersByAuthor = readGrouped(FanOutPlanner.authors(posts, pulledAuthors(), now),
                authors -> followers.bind(authors), row -> new Follower(row.getLong(1), row.getInstant(2)));
        long followersRead = timer.lap();
        List<Decision> decisions = planner.decide(posts, followersByAuthor, now);
        Map<Long, WatchingWindow> spans = FanOutPlanner.presenceToRead(decisions);
        Map<Long, List<Instant>> presenceRead = readGrouped(spans.keySet(), viewers -> {
            WatchingWindow span = viewers.stream().map(spans::get).reduce(FanOutPlanner::span).orElseThrow();
            return presence.bind(viewers, span.from(), span.until());
        }, row -> row.getInstant(1));
        long presenceReadNanos = timer.lap();
        List<SpeedRow> rows = FanOutPlanner.rows(decisions, presenceRead);
        for (SpeedRow row : rows) {
            Post post = row.post();
            String media = MediaRef.toColumn(post.media());
            writes.add(withMedia(insertSpeedRow.bind(row.viewerId(), post.tier().rank(), post.id(), post.authorId(),
                    post.text().value(), post.createdAt(), media, row.ttlSeconds()), media));
        }
        List<CompletableFuture<?>> written = new ArrayList<>();
        for (List<BoundStatement> batch : WriteBatches.pack(writes, FanOutWriter::partitionOf, this::replicasOf, writeBatchSize)) {
            written.add(execute(batch.size() == 1 ? batch.get(0) : Cql.unloggedBatch(batch)));
        }
        CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).join();
        return new FanOutStats(posts.size(), rows.size(), followersByAuthor.size(), spans.size(),
                followersRead, presenceReadNanos, timer.lap(), posts.stream().mapToLong(post -> post.createdAt().toEpochMilli()).max().orElse(0));
    }

    /** When authors were pulled (the hybrid fan-out): a small table, read once a micro-batch. */
    private Map<Long, PullPeriods> pulledAuthors() {
        Map<Long, PullPeriods> pulled = new HashMap<>();
        for (Row row : session.execute(pullPeriods.bind())) {
            List<FollowHistory.Period> ended = new ArrayList<>();
            for (TupleValue period : row.get(2, PERIODS)) {
                ended.add(new FollowHistory.Period(period.getInstant(0), period.getInstant(1)));
            }
            pulled.put(row.getLong(0), new PullPeriods(row.getInstant(1), ended));
        }
        return pulled;
    }

    /** A write's partition: its table (one prepared statement per table) and its partition key. */
    private static Object partitionOf(BoundStatement write) {
        return List.of(write.getPreparedStatement().getId(), write.getRoutingKey());
    }

    /** The nodes that own a write's partition (nothing known: all writes in one group). */
    private Object replicasOf(BoundStatement write) {
        return tokenMap.map(tokens -> (Object) tokens.getReplicas(keyspace, write.getRoutingKey())).orElse(Set.of());
    }

    /**
     * Reads the rows of many partitions with few requests: the keys grouped by the replicas that own
     * them, at most {@link #KEYS_PER_READ} a request ({@code IN}), the groups concurrently. Each row's
     * first column is its partition key. A request per key cost Cassandra more than the reads did.
     */
    private <T> Map<Long, List<T>> readGrouped(Collection<Long> keys, Function<List<Long>, Statement<?>> query, Function<Row, T> map) {
        List<CompletableFuture<List<Row>>> reads = new ArrayList<>();
        for (List<Long> group : WriteBatches.pack(List.copyOf(keys), key -> key, this::replicasOfKey, KEYS_PER_READ)) {
            reads.add(execute(query.apply(group)).thenCompose(page -> allPages(page, row -> row, new ArrayList<>())));
        }
        Map<Long, List<T>> result = new HashMap<>();
        keys.forEach(key -> result.put(key, new ArrayList<>()));
        reads.forEach(read -> read.join().forEach(row -> result.get(row.getLong(0)).add(map.apply(row))));
        return result;
    }

    private Object replicasOfKey(long key) {
        return tokenMap.map(tokens -> (Object) tokens.getReplicas(keyspace, TypeCodecs.BIGINT.encode(key, ProtocolVersion.DEFAULT))).orElse(Set.of());
    }

    private static <T> CompletableFuture<List<T>> allPages(AsyncResultSet page, Function<Row, T> map, List<T> into) {
        page.currentPage().forEach(row -> into.add(map.apply(row)));
        return page.hasMorePages()
                ? page.fetchNextPage().toCompletableFuture().thenCompose(next -> allPages(next, map, into))
                : CompletableFuture.completedFuture(into);
    }

    /** Executes with at most {@code maxInFlight} requests outstanding; blocks the caller, never a driver thread. */
    private CompletableFuture<AsyncResultSet> execute(Statement<?> statement) {
        inFlight.acquireUninterruptibly();
        return RETRIES_WHEN_BUSY.run(() -> session.executeAsync(statement)).whenComplete((result, error) -> inFlight.release());
    }

    private static boolean isTransient(Throwable error) {
        return error instanceof QueryConsistencyException || error instanceof OverloadedException
                || error instanceof UnavailableException || error instanceof DriverTimeoutException;
    }
}

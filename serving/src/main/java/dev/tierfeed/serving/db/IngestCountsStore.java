package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.tierfeed.core.IngestResolution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The ingest statistics as the streaming job stores them ({@code ingest_counts}): the count of
 * each window that holds one, a partition per resolution and period (core's {@link IngestResolution}).
 */
public final class IngestCountsStore {
    private final CqlSession session;
    private final PreparedStatement range;
    private final PreparedStatement latest;

    /** A window and the posts accepted in it. */
    public record Bucket(Instant start, long count) {
    }

    public IngestCountsStore(CqlSession session) {
        this.session = session;
        this.range = Cql.prepare(session, "SELECT window_start, posts FROM ingest_counts WHERE resolution = ? AND period_start = ?"
                + " AND window_start >= ? AND window_start < ? ORDER BY window_start ASC");
        this.latest = Cql.prepare(session, "SELECT window_start, posts FROM ingest_counts WHERE resolution = ? AND period_start = ?"
                + " AND window_start <= ? LIMIT ?");
    }

    /** The windows starting in [from, to) that hold a count, oldest first (the periods read concurrently). */
    public List<Bucket> between(IngestResolution resolution, Instant from, Instant to) {
        Instant first = resolution.windowStart(from);
        List<CompletableFuture<List<Bucket>>> reads = resolution.periodsBetween(from, to).stream()
                .map(period -> readAll(session.executeAsync(range.bind(resolution.label(), period, first, to))).toCompletableFuture())
                .toList();
        List<Bucket> buckets = new ArrayList<>();
        reads.forEach(read -> buckets.addAll(read.join()));
        return buckets;
    }

    /**
     * The {@code n} most recent windows that hold a count and start at or before {@code now},
     * oldest first, looking back period by period at most {@link IngestResolution#lookBack()}.
     */
    public List<Bucket> latest(IngestResolution resolution, int n, Instant now) {
        List<Bucket> newestFirst = new ArrayList<>();
        Instant oldest = now.minus(resolution.lookBack());
        for (Instant period = resolution.periodStart(resolution.windowStart(now));
                newestFirst.size() < n && !period.plus(resolution.period()).isBefore(oldest);
                period = period.minus(resolution.period())) {
            for (Row row : session.execute(latest.bind(resolution.label(), period, now, n - newestFirst.size()))) {
                newestFirst.add(bucket(row));
            }
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static CompletionStage<List<Bucket>> readAll(CompletionStage<AsyncResultSet> first) {
        return first.thenCompose(page -> collect(page, new ArrayList<>()));
    }

    private static CompletionStage<List<Bucket>> collect(AsyncResultSet page, List<Bucket> into) {
        page.currentPage().forEach(row -> into.add(bucket(row)));
        return page.hasMorePages() ? page.fetchNextPage().thenCompose(next -> collect(next, into)) : CompletableFuture.completedFuture(into);
    }

    private static Bucket bucket(Row row) {
        return new Bucket(row.getInstant(0), row.getLong(1));
    }
}

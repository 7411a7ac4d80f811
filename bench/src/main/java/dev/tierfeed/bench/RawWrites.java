package dev.tierfeed.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The baseline of the fan-out benchmark: speed-view rows of the same shape written straight to
 * Cassandra, as a client would without Kafka and Spark in between (one prepared insert per row,
 * 256 in flight, a generous timeout), into partitions of viewers that do not exist, with a short TTL.
 */
final class RawWrites {
    private static final int IN_FLIGHT = 256;

    private RawWrites() {
    }

    /** Writes {@code rows} rows; returns rows per second. */
    static double rowsPerSecond(String host, int port, String keyspace, long rows) throws InterruptedException {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30)).build();
        try (CqlSession session = CqlSession.builder().addContactPoint(new InetSocketAddress(host, port))
                .withLocalDatacenter("datacenter1").withKeyspace(keyspace).withConfigLoader(config).build()) {
            PreparedStatement insert = session.prepare("INSERT INTO speed_view (viewer_id, tier_rank, post_id, author_id, text, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?) USING TTL 600");
            Semaphore slots = new Semaphore(IN_FLIGHT);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Instant now = Instant.now();
            long started = System.nanoTime();
            for (long i = 0; i < rows; i++) {
                slots.acquire();
                // viewer ids below 100,000 are never a real user's (ids are time-ordered and far larger)
                write(session, insert.bind(1 + i % 99_999, 0, i, 1L, "a post of the fan-out benchmark, of an ordinary length", now), 3)
                        .whenComplete((done, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                            slots.release();
                        });
            }
            slots.acquire(IN_FLIGHT);
            if (failure.get() != null) {
                throw new IllegalStateException("a baseline write failed", failure.get());
            }
            return rows / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** A write, again when Cassandra was too busy to take it in time, as the fan-out does. */
    private static CompletionStage<?> write(CqlSession session, BoundStatement statement, int attempts) {
        return session.executeAsync(statement).handle((done, error) -> attempts > 1 && error instanceof WriteTimeoutException
                ? write(session, statement, attempts - 1) : error == null ? CompletableFuture.completedFuture(done) : CompletableFuture.failedFuture(error))
                .thenCompose(next -> next);
    }
}

package dev.tierfeed.streaming;

import java.time.Instant;
import java.util.Optional;

/**
 * What the fan-out has done since the job started, as the driver sums it up after each
 * micro-batch: posts, speed-view rows, the last batch's duration and the newest post processed.
 * The heartbeat reports it; the service turns it into metrics and its lag check.
 */
final class FanOutProgress {
    /** A consistent copy. */
    record Totals(long posts, long rows, long lastBatchMillis, Optional<Instant> newestPost) {
    }

    private Totals totals = new Totals(0, 0, 0, Optional.empty());

    synchronized void add(FanOutStats batch, long batchMillis) {
        Optional<Instant> newest = batch.posts() == 0 ? totals.newestPost()
                : Optional.of(Instant.ofEpochMilli(Math.max(batch.newestPostMillis(), totals.newestPost().map(Instant::toEpochMilli).orElse(0L))));
        totals = new Totals(totals.posts() + batch.posts(), totals.rows() + batch.rows(), batchMillis, newest);
    }

    synchronized Totals totals() {
        return totals;
    }
}

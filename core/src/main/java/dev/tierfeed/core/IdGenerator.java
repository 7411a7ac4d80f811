package dev.tierfeed.core;

import java.time.Clock;

/**
 * Generates unique, time-ordered ids for one node (see {@link Ids} for the layout). Each
 * process that creates ids needs its own node number. Thread-safe.
 *
 * <p>If the clock steps backwards the generator keeps using its last timestamp, so ids stay
 * unique and increasing; it borrows the next millisecond when a millisecond's 4096 ids run out.
 */
public final class IdGenerator {
    private static final long SEQUENCE_MASK = (1L << Ids.SEQUENCE_BITS) - 1;

    private final Clock clock;
    private final long node;
    private long lastMillis = -1;
    private long sequence;

    public IdGenerator(Clock clock, int node) {
        if (node < 0 || node > Ids.MAX_NODE) {
            throw new IllegalArgumentException("node must be within 0.." + Ids.MAX_NODE + ", was " + node);
        }
        this.clock = clock;
        this.node = node;
    }

    public synchronized long next() {
        long millis = Math.max(clock.millis() - Ids.EPOCH.toEpochMilli(), lastMillis);
        if (millis == lastMillis) {
            sequence = (sequence + 1) & SEQUENCE_MASK;
            if (sequence == 0) {
                millis++;
            }
        } else {
            sequence = 0;
        }
        lastMillis = millis;
        return (millis << (Ids.NODE_BITS + Ids.SEQUENCE_BITS)) | (node << Ids.SEQUENCE_BITS) | sequence;
    }
}

package dev.tierfeed.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The ingest statistics' three resolutions: accepted posts counted by event-time windows of
 * 10 ms, 1 s and 1 min (event time = the instant serving accepted the post, which its id
 * carries). The one place that knows a window's bounds, how windows are stored (one Cassandra
 * partition per {@link #period()}, kept for {@link #retention()}), when a window's count is
 * final, and how many windows one request may span.
 */
public enum IngestResolution {
    TEN_MILLIS("10ms", Duration.ofMillis(10), Duration.ofHours(1), Duration.ofDays(7)),
    ONE_SECOND("1s", Duration.ofSeconds(1), Duration.ofDays(1), Duration.ofDays(90)),
    ONE_MINUTE("1m", Duration.ofMinutes(1), Duration.ofDays(1), Duration.ZERO);

    /** Most windows one request may span ({@code range_too_large} beyond). */
    public static final int MAX_WINDOWS = 10_000;
    /** Most of the latest windows one request may ask for ({@code invalid_last} beyond). */
    public static final int MAX_LAST = 1_000;

    private final String label;
    private final Duration length;
    private final Duration period;
    private final Duration retention;

    IngestResolution(String label, Duration length, Duration period, Duration retention) {
        this.label = label;
        this.length = length;
        this.period = period;
        this.retention = retention;
    }

    /** The resolution as the API and the console name it: {@code 10ms}, {@code 1s}, {@code 1m}. */
    public String label() {
        return label;
    }

    public Duration length() {
        return length;
    }

    /** How much time one stored partition of windows covers. */
    public Duration period() {
        return period;
    }

    /** How long a window's count is kept; zero: for good. */
    public Duration retention() {
        return retention;
    }

    /** How far back a search for the most recent counts looks: the retention, at most 90 days. */
    public Duration lookBack() {
        Duration most = Duration.ofDays(90);
        return retention.isZero() || retention.compareTo(most) > 0 ? most : retention;
    }

    /** The resolution named {@code label}; anything else is refused with {@code invalid_resolution}. */
    public static IngestResolution parse(String label) {
        return Arrays.stream(values()).filter(r -> r.label.equals(label)).findFirst()
                .orElseThrow(() -> new ValidationException("invalid_resolution", "resolution must be one of "
                        + Arrays.stream(values()).map(IngestResolution::label).collect(Collectors.joining(", ")) + ", was '" + label + "'"));
    }

    /** The start of the window holding {@code at}. */
    public Instant windowStart(Instant at) {
        return floor(at, length);
    }

    /** The start of the stored period holding the window that starts at {@code windowStart}. */
    public Instant periodStart(Instant windowStart) {
        return floor(windowStart, period);
    }

    /**
     * Whether the window starting at {@code windowStart} is final at {@code watermark} (the latest
     * event time seen less the allowed lateness): its end is not after the watermark. An event
     * for a final window is too late and not counted; until then every event updates its window.
     */
    public boolean isFinal(Instant windowStart, Instant watermark) {
        return !windowStart.plus(length).isAfter(watermark);
    }

    /** The starts of the stored periods that windows starting in [from, to) fall in, oldest first. */
    public List<Instant> periodsBetween(Instant from, Instant to) {
        List<Instant> periods = new ArrayList<>();
        for (Instant p = periodStart(windowStart(from)); p.isBefore(to); p = p.plus(period)) {
            periods.add(p);
        }
        return periods;
    }

    /**
     * Checks a requested range [from, to): {@code invalid_range} unless from is before to,
     * {@code range_too_large} when it spans more than {@link #MAX_WINDOWS} windows.
     */
    public void checkRange(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new ValidationException("invalid_range", "from must be before to, was from " + from + " to " + to);
        }
        long span = Duration.between(windowStart(from), to).toMillis();
        long windows = Math.floorDiv(span + length.toMillis() - 1, length.toMillis());
        if (windows > MAX_WINDOWS) {
            throw new ValidationException("range_too_large", "a range may span at most " + MAX_WINDOWS + " windows of " + label
                    + " (" + length.multipliedBy(MAX_WINDOWS) + "), this one spans " + windows);
        }
    }

    private static Instant floor(Instant at, Duration unit) {
        long millis = at.toEpochMilli();
        long unitMillis = unit.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(millis, unitMillis) * unitMillis);
    }
}

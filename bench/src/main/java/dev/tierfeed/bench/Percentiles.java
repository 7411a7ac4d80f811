package dev.tierfeed.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Latency samples in milliseconds, and their nearest-rank percentiles. */
final class Percentiles {
    private final List<Double> millis = Collections.synchronizedList(new ArrayList<>());

    void add(double sampleMillis) {
        millis.add(sampleMillis);
    }

    int count() {
        return millis.size();
    }

    double at(double percent) {
        List<Double> sorted;
        synchronized (millis) {
            sorted = new ArrayList<>(millis);
        }
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    String summary() {
        return String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms (n=%d)", at(50), at(99), at(100), count());
    }
}

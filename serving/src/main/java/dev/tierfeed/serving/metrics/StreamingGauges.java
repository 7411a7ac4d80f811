package dev.tierfeed.serving.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import dev.tierfeed.serving.db.StreamHeartbeatStore.StreamProgress;
import dev.tierfeed.serving.health.FanOutLag;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming job's figures as gauges of the service, so one scrape of {@code /metrics} shows the
 * whole write path: {@code tierfeed.streaming.lag_records}, {@code lag_seconds}, {@code posts_processed},
 * {@code rows_written}, {@code batch_duration_seconds} and {@code input_rows_per_second}. A
 * figure that cannot be read (the job has not reported yet, Kafka does not answer) is NaN.
 */
public final class StreamingGauges {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingGauges.class);

    private StreamingGauges() {
    }

    public static void register(MetricRegistry metrics, FanOutLag lag) {
        gauge(metrics, "lag_records", lag, reading -> reading.records());
        gauge(metrics, "lag_seconds", lag, reading -> reading.behind().toMillis() / 1000.0);
        gauge(metrics, "posts_processed", lag, reading -> progress(reading).postsTotal());
        gauge(metrics, "rows_written", lag, reading -> progress(reading).rowsTotal());
        gauge(metrics, "batch_duration_seconds", lag, reading -> progress(reading).batchMillis() / 1000.0);
        gauge(metrics, "input_rows_per_second", lag, reading -> progress(reading).inputRowsPerSecond());
    }

    private static StreamProgress progress(FanOutLag.Reading reading) {
        return reading.progress().orElseThrow(() -> new IllegalStateException("the streaming job has not reported yet"));
    }

    private static void gauge(MetricRegistry metrics, String name, FanOutLag lag, ToDoubleFunction<FanOutLag.Reading> figure) {
        metrics.register(MetricRegistry.name("tierfeed.streaming", name), (Gauge<Double>) () -> {
            try {
                return figure.applyAsDouble(lag.current());
            } catch (Exception e) {
                LOG.debug("streaming figure {} unavailable: {}", name, e.toString());
                return Double.NaN;
            }
        });
    }
}

package dev.tierfeed.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The ingest-statistics aggregation on a real local Spark, fed from memory batch by batch: whole
 * counts per window in all three resolutions, late events within the watermark counted, events
 * for a final window not, and the last value written for a window always its exact count.
 */
class IngestStatsQueryTest {
    private static final Instant T = Instant.parse("2026-11-27T10:15:00Z");
    private static SparkSession spark;

    @TempDir
    java.nio.file.Path checkpoint;

    @BeforeAll
    static void localSpark() {
        spark = SparkSession.builder().master("local[2]").appName("ingest-stats-test").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void countsAreExactPerWindowAndLateEventsCountUntilTheirWindowIsFinal() throws Exception {
        MemoryStream<Timestamp> accepted = new MemoryStream<>(1, spark.sqlContext(), Option.empty(), Encoders.TIMESTAMP());
        Map<String, Long> written = new ConcurrentHashMap<>(); // what the sink holds: the last count per window
        StreamingQuery query = IngestStatsQuery.counts(accepted.toDS(), Duration.ofSeconds(10)).writeStream()
                .outputMode("update").option("checkpointLocation", checkpoint.toUri().toString())
                .foreachBatch((VoidFunction2<Dataset<WindowCount>, Long>) (batch, id) ->
                        batch.collectAsList().forEach(w -> written.put(w.getResolution() + " " + Instant.ofEpochMilli(w.getWindowStart()), w.getPosts())))
                .start();
        try {
            // three posts in one 10 ms window, one 5 ms later in the next, one 1.5 s later
            add(accepted, at(0), at(3), at(9), at(14), at(1_500));
            query.processAllAvailable();
            assertThat(written).containsEntry("10ms " + T, 3L).containsEntry("10ms " + T.plusMillis(10), 1L)
                    .containsEntry("10ms " + T.plusMillis(1_500), 1L)
                    .containsEntry("1s " + T, 4L).containsEntry("1s " + T.plusSeconds(1), 1L)
                    .containsEntry("1m " + T, 5L).hasSize(6);

            // a later batch: the watermark moves to 20 s - 10 s = 10 s; a post 8 s late still counts
            add(accepted, at(20_000), at(12_000));
            query.processAllAvailable();
            assertThat(written).containsEntry("1m " + T, 7L).containsEntry("1s " + T.plusSeconds(12), 1L);

            // the watermark is now 10 s: a post accepted before it is too late for every window, even the open minute;
            // one within it still counts
            add(accepted, at(5));
            query.processAllAvailable();
            add(accepted, at(10_001));
            query.processAllAvailable();
            assertThat(written).containsEntry("10ms " + T, 3L).containsEntry("1s " + T, 4L).containsEntry("1m " + T, 8L)
                    .containsEntry("10ms " + T.plusMillis(10_000), 1L);

            // past the minute's end plus the lateness, the minute is final and its state gone: a post for it changes nothing
            add(accepted, at(75_000));
            query.processAllAvailable();
            add(accepted, at(59_000), at(66_000));
            query.processAllAvailable();
            assertThat(written).containsEntry("1m " + T, 8L).containsEntry("1m " + T.plusSeconds(60), 2L);
        } finally {
            query.stop();
        }
    }

    private static Timestamp at(long millisAfterT) {
        return Timestamp.from(T.plusMillis(millisAfterT));
    }

    private static void add(MemoryStream<Timestamp> stream, Timestamp... instants) {
        stream.addData(CollectionConverters.asScala(List.of(instants)).toSeq());
    }
}

package dev.tierfeed.streaming;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.spark.connector.cql.CassandraConnector;
import dev.tierfeed.core.IngestResolution;
import dev.tierfeed.core.StorageNames;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The ingest statistics: a Structured Streaming aggregation of the posts topic that counts
 * accepted posts per event-time window of 10 ms, 1 s and 1 min (event time: when serving
 * accepted the post, carried by its id), with a watermark of {@code --stats-lateness}, and
 * upserts each changed window's whole count into {@code ingest_counts}. Its own query and
 * checkpoint beside the fan-out's, so a slow fan-out never delays the counts, nor they it.
 */
final class IngestStatsQuery {
    static final int ROWS_PER_BATCH = 100;
    static final int IN_FLIGHT = 32;

    private final SparkSession spark;
    private final FanOutOptions options;

    IngestStatsQuery(SparkSession spark, FanOutOptions options) {
        // a session of its own on the same context: one shuffle partition, one state store (a few
        // thousand windows at most), whatever the fan-out's session is set to
        this.spark = spark.newSession();
        this.spark.conf().set("spark.sql.shuffle.partitions", "1");
        // its rows are few (counted per window in each task); what costs is the code Spark generates and
        // compiles anew every micro-batch (the watermark is a literal in its predicates): interpret instead
        this.spark.conf().set("spark.sql.codegen.wholeStage", "false");
        this.spark.conf().set("spark.sql.codegen.factoryMode", "NO_CODEGEN");
        this.options = options;
    }

    StreamingQuery start() throws TimeoutException {
        Dataset<Row> records = FanOutJob.log(spark, options, options.statsMaxOffsetsPerTrigger(), options.postsTopic());
        Dataset<Timestamp> accepted = records.select("value").as(Encoders.BINARY())
                .flatMap((FlatMapFunction<byte[], Timestamp>) value -> FanOutJob.decode(value)
                        .map(post -> List.of(Timestamp.from(post.createdAt()))).orElse(List.of()).iterator(), Encoders.TIMESTAMP());
        String keyspace = options.keyspace();
        return counts(accepted, options.statsLateness()).writeStream()
                .queryName(StorageNames.INGEST_STATS_QUERY)
                .outputMode(OutputMode.Update())
                .option("checkpointLocation", options.statsCheckpoint())
                .trigger(Trigger.ProcessingTime(options.statsTrigger().toMillis()))
                .foreachBatch((VoidFunction2<Dataset<WindowCount>, Long>) (batch, batchId) -> {
                    List<WindowCount> changed = batch.collectAsList();
                    if (!changed.isEmpty()) {
                        try (CqlSession session = CassandraConnector.apply(spark.sparkContext().getConf()).openSession()) {
                            write(session, keyspace, changed);
                        }
                    }
                })
                .start();
    }

    /**
     * The windows whose counts changed in each micro-batch, with their whole counts, from the
     * instants posts were accepted at; {@code lateness} is the watermark's delay.
     */
    static Dataset<WindowCount> counts(Dataset<Timestamp> accepted, Duration lateness) {
        // counted per window in each task first, so that one row per window and task (not three per post)
        // crosses the shuffle; the row keeps the newest instant it counts, the column the watermark follows
        StructType partial = new StructType().add("key", DataTypes.StringType).add("posts", DataTypes.LongType).add("at", DataTypes.TimestampType);
        return accepted.mapPartitions((MapPartitionsFunction<Timestamp, Row>) instants -> {
                    Map<String, long[]> windows = new HashMap<>();
                    instants.forEachRemaining(at -> {
                        for (String key : WindowCount.keysOf(at.toInstant())) {
                            long[] window = windows.computeIfAbsent(key, k -> new long[] {0, Long.MIN_VALUE});
                            window[0]++;
                            window[1] = Math.max(window[1], at.getTime());
                        }
                    });
                    return windows.entrySet().stream()
                            .map(e -> RowFactory.create(e.getKey(), e.getValue()[0], new Timestamp(e.getValue()[1]))).iterator();
                }, Encoders.row(partial))
                .withWatermark("at", lateness.toMillis() + " milliseconds")
                .groupByKey((MapFunction<Row, String>) row -> row.getString(0), Encoders.STRING())
                .flatMapGroupsWithState(new CountWindow(), OutputMode.Update(), Encoders.LONG(), Encoders.bean(WindowCount.class),
                        GroupStateTimeout.EventTimeTimeout());
    }

    /**
     * Upserts each window's count, with its resolution's retention as the TTL: the windows of one
     * partition (resolution and period) in unlogged batches of {@link #ROWS_PER_BATCH}, at most
     * {@link #IN_FLIGHT} batches outstanding (a backlog's micro-batch changes tens of thousands of
     * windows); returns once every write is acknowledged.
     */
    static void write(CqlSession session, String keyspace, List<WindowCount> windows) {
        PreparedStatement upsert = Cql.prepare(session, "INSERT INTO " + keyspace
                + ".ingest_counts (resolution, period_start, window_start, posts) VALUES (?, ?, ?, ?) USING TTL ?");
        Map<String, List<BoundStatement>> byPartition = new LinkedHashMap<>();
        for (WindowCount window : windows) {
            IngestResolution resolution = window.resolutionValue();
            Instant period = resolution.periodStart(window.start());
            byPartition.computeIfAbsent(resolution.label() + "|" + period, k -> new ArrayList<>()).add(upsert.bind(resolution.label(), period,
                    window.start(), window.getPosts(), (int) resolution.retention().toSeconds()));
        }
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (List<BoundStatement> partition : byPartition.values()) {
            for (int i = 0; i < partition.size(); i += ROWS_PER_BATCH) {
                BatchStatement batch = Cql.unloggedBatch(partition.subList(i, Math.min(partition.size(), i + ROWS_PER_BATCH)));
                inFlight.acquireUninterruptibly();
                writes.add(session.executeAsync(batch).toCompletableFuture().whenComplete((done, failure) -> inFlight.release()));
            }
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }
}

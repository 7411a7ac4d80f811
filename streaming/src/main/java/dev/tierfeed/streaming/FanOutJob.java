package dev.tierfeed.streaming;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.spark.connector.cql.CassandraConnector;
import dev.tierfeed.core.DeliveryPolicy;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PostEventCodec;
import dev.tierfeed.core.StorageNames;
import dev.tierfeed.joboptions.JobArguments;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.BoxedUnit;

/**
 * The speed layer. Reads post events from Kafka with Spark Structured Streaming and, per
 * micro-batch, persists each post ({@code posts}, {@code posts_by_author}) and fans it out to
 * the followers' speed view by the tier rules ({@link FanOutWriter}). Two more queries of the job
 * read the same log: one counts the posts per window for the ingest statistics
 * ({@link IngestStatsQuery}), one archives every event to the lake on S3A ({@link LakeArchiveQuery}).
 * An application runs all three, or those its {@code --queries} name: on one machine the fan-out
 * runs alone, and the statistics and the lake in a second application whose CPU the stack gives a
 * lower priority (sharing the fan-out's JVM, their micro-batches took its cores and task slots).
 *
 * <p>Each micro-batch is a single Spark job: every task decodes its Kafka partition's records
 * and writes through the connector's pooled session. Expressing the fan-out as DataFrame joins
 * and writes instead costs one Spark job per table and per TTL (about 0.2–0.4 s each on a small
 * machine), which the one-second delivery promise cannot afford.
 *
 * <p>Every write is an upsert keyed by the post id that serving generated, so a batch replayed
 * after a crash (the checkpoint restarts from the last committed offsets) writes the same rows
 * again: nothing is lost, nothing doubled.
 *
 * <p>Submit with {@code spark-submit --class dev.tierfeed.streaming.FanOutJob … --checkpoint URI} ({@code --help} lists every option);
 * the master comes from spark-submit or the {@code spark.master} property, never from code.
 */
public final class FanOutJob {
    private static final Logger LOG = LoggerFactory.getLogger(FanOutJob.class);
    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(2);
    private static final Duration RESTART_AFTER = Duration.ofSeconds(10);
    /** Above ShutdownHookManager.SPARK_CONTEXT_SHUTDOWN_PRIORITY (50): runs before the context stops. */
    private static final int SHUTDOWN_PRIORITY = 60;
    static final Duration FETCH_MAX_WAIT = Duration.ofMillis(20);

    private final SparkSession spark;
    private final FanOutOptions options;
    private final FanOutProgress progress = new FanOutProgress();

    FanOutJob(SparkSession spark, FanOutOptions options) {
        this.spark = spark;
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        FanOutOptions options = JobArguments.parseOrExit(new FanOutOptions(), args, FanOutOptions::check);
        SparkSession spark = SparkSession.builder()
                .appName(appName(options.queries()))
                .config("spark.cassandra.connection.host", options.cassandra().host())
                .config("spark.cassandra.connection.port", options.cassandra().port())
                .config(LocalCheckpointFileManager.SETTING, LocalCheckpointFileManager.class.getName())
                .config(new SparkConf().setAll(JavaConverters.mapAsScalaMap(options.lake().sparkSettings())))
                .getOrCreate();
        new FanOutJob(spark, options).run();
    }

    /** The application's name: the fan-out's when it runs the fan-out, otherwise after the queries it runs. */
    static String appName(Set<String> queries) {
        return queries.contains(StorageNames.FAN_OUT_QUERY) ? "tierfeed-fan-out" : "tierfeed-" + String.join("-", queries);
    }

    void run() throws TimeoutException, StreamingQueryException {
        // the job's queries that this application runs, each restarted on its own when it fails
        Set<String> chosen = options.queries();
        List<Supervised> all = new ArrayList<>();
        for (String name : chosen) {
            all.add(new Supervised(name, starter(name)));
        }
        CqlSession session = CassandraConnector.apply(spark.sparkContext().getConf()).openSession();
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fan-out-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        // the application is ready at the fan-out's first beat, or, without the fan-out, at its queries' first
        boolean fanOutHere = chosen.contains(StorageNames.FAN_OUT_QUERY);
        for (Supervised supervised : all) {
            Runnable beat = supervised.name.equals(StorageNames.FAN_OUT_QUERY)
                    ? new StreamHeartbeat(supervised.query::get, progress, session, options, Clock.systemUTC())
                    : new QueryBeat(supervised.name, supervised.query::get, session, options.keyspace(),
                            fanOutHere ? Optional.empty() : options.readyFile(), Clock.systemUTC());
            heartbeat.scheduleAtFixedRate(beat, 0, HEARTBEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
        // through Spark's own hook manager, at a priority above the SparkContext's, so the drain runs
        // while the context is still there to finish the batch
        AtomicBoolean stopping = new AtomicBoolean();
        ShutdownHookManager.addShutdownHook(SHUTDOWN_PRIORITY, new AbstractFunction0<BoxedUnit>() {
            @Override
            public BoxedUnit apply() {
                stopping.set(true);
                all.forEach(supervised -> drainAndStop(supervised.query.get()));
                return BoxedUnit.UNIT;
            }
        });
        while (true) {
            try {
                spark.streams().awaitAnyTermination();
                return;
            } catch (StreamingQueryException e) {
                if (stopping.get()) {
                    return;
                }
                // a batch failed (Cassandra unreachable for longer than the writer's retries, say): start
                // that query again from its checkpoint, which replays the batch; the health check shows the gap
                LOG.error("a streaming query failed; starting it again from its checkpoint in {} s", RESTART_AFTER.toSeconds(), e);
                LockSupport.parkNanos(RESTART_AFTER.toNanos());
                spark.streams().resetTerminated();
                for (Supervised supervised : all) {
                    supervised.restartIfStopped();
                }
            }
        }
    }

    /** A query of the job that is started again when it has stopped. */
    private static final class Supervised {
        private final String name;
        private final Starter starter;
        private final AtomicReference<StreamingQuery> query = new AtomicReference<>();

        Supervised(String name, Starter starter) throws TimeoutException {
            this.name = name;
            this.starter = starter;
            query.set(starter.start());
        }

        void restartIfStopped() throws TimeoutException {
            if (!query.get().isActive()) {
                query.set(starter.start());
            }
        }
    }

    private interface Starter {
        StreamingQuery start() throws TimeoutException;
    }

    private Starter starter(String query) {
        return switch (query) {
            case StorageNames.FAN_OUT_QUERY -> {
                Dataset<Row> records = log(spark, options, options.maxOffsetsPerTrigger(), options.postsTopic());
                yield () -> start(records);
            }
            case StorageNames.INGEST_STATS_QUERY -> new IngestStatsQuery(spark, options)::start;
            case StorageNames.LAKE_QUERY -> new LakeArchiveQuery(spark, options)::start;
            default -> throw new IllegalArgumentException("no query named " + query);
        };
    }

    /**
     * The log's topics from their beginning, as every query of the job reads them (each with a
     * checkpoint of its own), at most {@code maxOffsetsPerTrigger} records a micro-batch.
     */
    static Dataset<Row> log(SparkSession spark, FanOutOptions options, long maxOffsetsPerTrigger, String... topics) {
        return spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", options.kafkaBootstrap())
                .option("subscribe", String.join(",", topics))
                .option("startingOffsets", "earliest")
                .option("maxOffsetsPerTrigger", maxOffsetsPerTrigger)
                // the consumer's default (500 ms) is spent in every micro-batch that reads up to
                // the end of the log, which is every micro-batch of a live stream
                .option("kafka.fetch.max.wait.ms", FETCH_MAX_WAIT.toMillis())
                .load();
    }

    private StreamingQuery start(Dataset<Row> records) throws TimeoutException {
        return records.writeStream()
                .queryName(StorageNames.FAN_OUT_QUERY)
                .option("checkpointLocation", options.checkpoint())
                .trigger(Trigger.ProcessingTime(options.trigger().toMillis()))
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, batchId) -> process(batch, batchId))
                .start();
    }

    /** One micro-batch: each task persists and fans out the posts of its Kafka partition; the driver sums up what they did. */
    void process(Dataset<Row> batch, long batchId) {
        long started = System.nanoTime();
        CassandraConnector connector = CassandraConnector.apply(spark.sparkContext().getConf());
        String keyspace = options.keyspace();
        DeliveryPolicy policy = new DeliveryPolicy(options.rules());
        int maxInFlight = options.maxInFlight();
        int writeBatch = options.writeBatch();
        FanOutStats stats = batch.select("value").mapPartitions((MapPartitionsFunction<Row, FanOutStats>) records -> {
            List<Post> posts = new ArrayList<>();
            records.forEachRemaining(record -> decode(record.getAs("value")).ifPresent(posts::add));
            if (posts.isEmpty()) {
                return List.<FanOutStats>of().iterator();
            }
            try (CqlSession session = connector.openSession()) {
                return List.of(new FanOutWriter(session, keyspace, policy, Clock.systemUTC(), maxInFlight, writeBatch).write(posts)).iterator();
            }
        }, Encoders.javaSerialization(FanOutStats.class)).collectAsList().stream().reduce(FanOutStats.NONE, FanOutStats::plus);
        long millis = (System.nanoTime() - started) / 1_000_000;
        progress.add(stats, millis);
        if (stats.posts() > 0) {
            LOG.info("batch {}: {} posts, {} rows in {} ms (task time: followers of {} authors {} ms, presence of {} viewers {} ms, writes {} ms)",
                    batchId, stats.posts(), stats.rows(), millis, stats.authorsRead(),
                    stats.followersNanos() / 1_000_000, stats.presenceRead(), stats.presenceNanos() / 1_000_000, stats.writesNanos() / 1_000_000);
        }
    }

    /** What the job has done since it started. */
    FanOutProgress.Totals progress() {
        return progress.totals();
    }

    /** A record that is not a post event is logged and skipped: one bad record must not stop every feed. */
    static Optional<Post> decode(byte[] value) {
        return decode(value, PostEventCodec::decode, "a post event");
    }

    /** A record decoded by {@code codec}, or, when the codec refuses it, nothing (logged): one bad record stops no query. */
    static <T> Optional<T> decode(byte[] value, Function<byte[], T> codec, String what) {
        try {
            return Optional.of(codec.apply(value));
        } catch (IllegalArgumentException e) {
            LOG.warn("skipping a record that is not {}: {}", what, e.getMessage());
            return Optional.empty();
        }
    }

    /** Lets a running micro-batch finish before stopping, so shutdown does not interrupt a write. */
    private static void drainAndStop(StreamingQuery query) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (query.isActive() && query.status().isTriggerActive() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        try {
            query.stop();
        } catch (TimeoutException e) {
            LOG.warn("the {} query did not stop in time", query.name(), e);
        }
    }
}

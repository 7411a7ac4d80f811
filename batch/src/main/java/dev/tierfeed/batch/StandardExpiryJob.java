package dev.tierfeed.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.spark.connector.cql.CassandraConnector;
import dev.tierfeed.core.Tier;
import java.io.PrintStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Removes from the speed view the rows of standard posts past the standard retention at the
 * cutoff that are still there (rows outlive the rule when the retention was shortened, or by
 * their TTL's rounding), and reports how many. Serving already hides them; this makes the
 * expiry exact in storage and counted.
 *
 * <pre>spark-submit --class dev.tierfeed.batch.StandardExpiryJob tierfeed-batch-spark.jar --as-of 2026-11-22T00:00:00Z</pre>
 */
public final class StandardExpiryJob {
    private static final int MAX_IN_FLIGHT = 128;

    private final SparkSession spark;
    private final BatchOptions options;
    private final CassandraTables tables;

    StandardExpiryJob(SparkSession spark, BatchOptions options) {
        this.spark = spark;
        this.options = options;
        this.tables = new CassandraTables(spark, options.keyspace());
    }

    public static void main(String[] args) {
        BatchOptions options = BatchOptions.parseOrExit(args, "StandardExpiryJob",
                "Removes speed-view rows of standard posts older than the standard retention; reports how many.");
        try (SparkSession spark = CassandraTables.session("tierfeed-standard-expiry", options)) {
            new StandardExpiryJob(spark, options).run(System.out);
        }
    }

    /** Deletes the expired rows; returns how many standard rows it checked. */
    long run(PrintStream out) {
        RuleFunctions.register(spark, options.rules(), options.asOf());
        long started = System.nanoTime();
        Dataset<Row> standard = standardRows(tables.read("speed_view")).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> expired = expired(standard);
        try {
            long checked = standard.count();
            long count = expired.count();
            CassandraConnector connector = tables.connector();
            String keyspace = options.keyspace();
            expired.foreachPartition((ForeachPartitionFunction<Row>) rows -> {
                try (CqlSession session = connector.openSession()) {
                    PreparedStatement delete = session.prepare(
                            "DELETE FROM " + keyspace + ".speed_view WHERE viewer_id = ? AND tier_rank = ? AND post_id = ?");
                    Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
                    AtomicReference<Throwable> failure = new AtomicReference<>();
                    rows.forEachRemaining(row -> {
                        inFlight.acquireUninterruptibly();
                        session.executeAsync(delete.bind(row.getLong(0), row.getInt(1), row.getLong(2)))
                                .whenComplete((done, error) -> {
                                    if (error != null) {
                                        failure.compareAndSet(null, error);
                                    }
                                    inFlight.release();
                                });
                    });
                    inFlight.acquireUninterruptibly(MAX_IN_FLIGHT); // every delete has finished
                    if (failure.get() != null) {
                        throw new IllegalStateException("deleting expired rows failed", failure.get());
                    }
                }
            });
            out.printf("standard expiry: removed %d speed-view rows of standard posts older than %s at %s, of %d checked (%.1f s)%n",
                    count, options.rules().standardRetention(), options.asOf(), checked, PremiumBacklogJob.seconds(started));
            return checked;
        } finally {
            standard.unpersist();
        }
    }

    static Dataset<Row> standardRows(Dataset<Row> speedView) {
        return speedView.where(col("tier_rank").equalTo(Tier.STANDARD.ordinal()))
                .select("viewer_id", "tier_rank", "post_id", "created_at");
    }

    /** The keys of speed-view rows of standard posts past their retention at the cutoff. */
    static Dataset<Row> expired(Dataset<Row> standardRows) {
        return standardRows.withColumn("tier", lit(Tier.STANDARD.name()))
                .where(org.apache.spark.sql.functions.not(RuleFunctions.withinRetention()))
                .select("viewer_id", "tier_rank", "post_id");
    }
}

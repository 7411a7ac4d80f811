package dev.tierfeed.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.spark.connector.cql.CassandraConnector;
import dev.tierfeed.core.Tier;
import java.io.PrintStream;
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

    /** Deletes the expired rows; returns how many there were. */
    long run(PrintStream out) {
        RuleFunctions.register(spark, options.rules(), options.asOf());
        long started = System.nanoTime();
        Dataset<Row> expired = expired(tables.read("speed_view")).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long count = expired.count();
            CassandraConnector connector = tables.connector();
            String keyspace = options.keyspace();
            expired.foreachPartition((ForeachPartitionFunction<Row>) rows -> {
                try (CqlSession session = connector.openSession()) {
                    PreparedStatement delete = session.prepare(
                            "DELETE FROM " + keyspace + ".speed_view WHERE viewer_id = ? AND tier_rank = ? AND post_id = ?");
                    rows.forEachRemaining(row -> session.execute(delete.bind(
                            row.getLong(0), row.getInt(1), row.getLong(2))));
                }
            });
            out.printf("standard expiry: removed %d speed-view rows of standard posts older than %s at %s (%.1f s)%n",
                    count, options.rules().standardRetention(), options.asOf(), PremiumBacklogJob.seconds(started));
            return count;
        } finally {
            expired.unpersist();
        }
    }

    /** The keys of speed-view rows of standard posts past their retention at the cutoff. */
    static Dataset<Row> expired(Dataset<Row> speedView) {
        return speedView.where(col("tier_rank").equalTo(Tier.STANDARD.ordinal()))
                .withColumn("tier", lit(Tier.STANDARD.name()))
                .where(org.apache.spark.sql.functions.not(RuleFunctions.withinRetention()))
                .select("viewer_id", "tier_rank", "post_id");
    }
}

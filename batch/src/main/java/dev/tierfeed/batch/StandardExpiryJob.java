package dev.tierfeed.batch;

import static org.apache.spark.sql.functions.col;

import com.datastax.spark.connector.PrimaryKeyColumns$;
import com.datastax.spark.connector.japi.CassandraJavaUtil;
import com.datastax.spark.connector.writer.SqlRowWriter;
import com.datastax.spark.connector.writer.WriteConf;
import dev.tierfeed.core.Tier;
import java.io.PrintStream;
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

    /** Deletes the expired rows; returns how many standard rows it checked. */
    long run(PrintStream out) {
        RuleFunctions.register(spark, options.rules(), options.asOf());
        long started = System.nanoTime();
        Dataset<Row> standard = standardRows(tables.read("speed_view")).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> expired = expired(standard);
        try {
            long checked = standard.count();
            long count = expired.count();
            // the connector's own writer deletes by primary key, grouped and throttled by its output settings
            CassandraJavaUtil.javaFunctions(expired.javaRDD()).deleteFromCassandra(options.keyspace(), "speed_view",
                    SqlRowWriter.Factory$.MODULE$, CassandraJavaUtil.someColumns(), PrimaryKeyColumns$.MODULE$,
                    WriteConf.fromSparkConf(spark.sparkContext().getConf()), tables.connector());
            out.printf("standard expiry: removed %d speed-view rows of standard posts older than %s at %s, of %d checked (%.1f s)%n",
                    count, options.rules().standardRetention(), options.asOf(), checked, PremiumBacklogJob.seconds(started));
            return checked;
        } finally {
            standard.unpersist();
        }
    }

    static Dataset<Row> standardRows(Dataset<Row> speedView) {
        return speedView.where(col("tier_rank").equalTo(Tier.STANDARD.rank()))
                .select("viewer_id", "tier_rank", "post_id", "created_at");
    }

    /** The keys of speed-view rows of standard posts past their retention at the cutoff. */
    static Dataset<Row> expired(Dataset<Row> standardRows) {
        return standardRows.where(org.apache.spark.sql.functions.not(RuleFunctions.withinRetention()))
                .select("viewer_id", "tier_rank", "post_id");
    }
}

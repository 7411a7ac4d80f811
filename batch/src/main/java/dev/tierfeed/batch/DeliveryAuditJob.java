package dev.tierfeed.batch;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import dev.tierfeed.core.DeliveryPolicy.Outcome;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How well each tier's promise was kept, per tier and day of posting, as of the cutoff: posts,
 * addressed deliveries (follower–post pairs the rules address), seen, still pending, and expired
 * unseen (past the tier's retention without being seen: always 0 for PREMIUM when the promise
 * holds). Written to {@code delivery_audit} and printed.
 *
 * <p>For FREE posts "addressed" counts every follower the post was addressed to; the promise
 * reaches only those watching at the time, which the fan-out decided and presence no longer
 * records a day later.
 *
 * <pre>spark-submit --class dev.tierfeed.batch.DeliveryAuditJob tierfeed-batch-spark.jar --as-of 2026-11-22T00:00:00Z</pre>
 */
public final class DeliveryAuditJob {
    private final SparkSession spark;
    private final BatchOptions options;
    private final CassandraTables tables;

    DeliveryAuditJob(SparkSession spark, BatchOptions options) {
        this.spark = spark;
        this.options = options;
        this.tables = new CassandraTables(spark, options.keyspace());
    }

    public static void main(String[] args) {
        BatchOptions options = BatchOptions.parseOrExit(args, "DeliveryAuditJob",
                "Counts per tier and day: posts, addressed deliveries, seen, pending, expired unseen.");
        try (SparkSession spark = CassandraTables.session("tierfeed-delivery-audit", options)) {
            new DeliveryAuditJob(spark, options).run(System.out);
        }
    }

    /** Computes, writes and prints the audit; returns its rows. */
    List<Row> run(PrintStream out) {
        RuleFunctions.register(spark, options.rules(), options.asOf());
        long started = System.nanoTime();
        Dataset<Row> audit = audit(tables.read("posts"), tables.read("following"), tables.read("seen")).cache();
        try {
            tables.append(audit.withColumn("as_of", lit(Timestamp.from(options.asOf()))), "delivery_audit");
            List<Row> rows = audit.orderBy("day", "tier").collectAsList();
            out.printf("delivery audit as of %s (%.1f s):%n", options.asOf(), PremiumBacklogJob.seconds(started));
            out.printf("  %-10s %-8s %8s %10s %8s %8s %15s%n", "day", "tier", "posts", "addressed", "seen", "pending", "expired unseen");
            for (Row row : rows) {
                out.printf("  %-10s %-8s %8d %10d %8d %8d %15d%n", row.getAs("day"), row.getAs("tier"), (long) row.getAs("posts"),
                        (long) row.getAs("addressed"), (long) row.getAs("seen"), (long) row.getAs("pending"), (long) row.getAs("expired_unseen"));
            }
            return rows;
        } finally {
            audit.unpersist();
        }
    }

    /**
     * Per day and tier of the posts made by the cutoff: how many, and where each (follower, post)
     * pair stood at the cutoff by {@code core}'s {@link dev.tierfeed.core.DeliveryPolicy.Outcome}
     * (addressed counts every outcome but NOT_ADDRESSED).
     */
    static Dataset<Row> audit(Dataset<Row> posts, Dataset<Row> following, Dataset<Row> seen) {
        Dataset<Row> made = posts.where(RuleFunctions.madeBy()).withColumn("day", to_date(col("created_at")));
        Dataset<Row> perDay = made.groupBy("day", "tier").agg(count(lit(1)).as("posts"));
        Dataset<Row> outcomes = RuleFunctions.pairs(made, following, seen)
                .withColumn("outcome", RuleFunctions.outcome())
                .where(col("outcome").notEqual(Outcome.NOT_ADDRESSED.name()))
                .groupBy("day", "tier")
                .agg(count(lit(1)).as("addressed"), counted(Outcome.SEEN), counted(Outcome.PENDING), counted(Outcome.EXPIRED_UNSEEN));
        return perDay.join(outcomes, new scala.collection.immutable.Set.Set2<>("day", "tier").toSeq(), "left")
                .select(col("day"), col("tier"), col("posts"),
                        coalesce(col("addressed"), lit(0L)).as("addressed"), coalesce(col("seen"), lit(0L)).as("seen"),
                        coalesce(col("pending"), lit(0L)).as("pending"), coalesce(col("expired_unseen"), lit(0L)).as("expired_unseen"));
    }

    /** How many pairs had this outcome, as a column named after it (seen, pending, expired_unseen). */
    private static Column counted(Outcome outcome) {
        return sum(when(col("outcome").equalTo(outcome.name()), 1L).otherwise(0L)).as(outcome.name().toLowerCase(java.util.Locale.ROOT));
    }
}

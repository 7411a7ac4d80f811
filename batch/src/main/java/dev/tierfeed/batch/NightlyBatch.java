package dev.tierfeed.batch;

import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;

/**
 * The whole nightly batch in one Spark application, in order: premium backlog, standard expiry,
 * delivery audit. {@code bin/tierfeed batch} runs it on the running stack; Airflow runs the three
 * jobs as tasks of their own.
 */
public final class NightlyBatch {
    private NightlyBatch() {
    }

    public static void main(String[] args) {
        BatchOptions options = BatchOptions.parseOrExit(args, "NightlyBatch",
                "Runs the premium backlog, standard expiry and delivery audit jobs in order.");
        PrintStream out = System.out;
        try (SparkSession spark = CassandraTables.session("tierfeed-nightly-batch", options)) {
            out.printf("[1/3] premium backlog as of %s%n", options.asOf());
            timed(out, "premium_backlog", "backlog rows written", () -> new PremiumBacklogJob(spark, options).run(out));
            out.printf("[2/3] standard expiry%n");
            timed(out, "standard_expiry", "standard rows checked", () -> new StandardExpiryJob(spark, options).run(out));
            out.printf("[3/3] delivery audit%n");
            timed(out, "delivery_audit", "addressed deliveries audited", () -> new DeliveryAuditJob(spark, options).run(out).stream()
                    .mapToLong(row -> (long) row.getAs("addressed")).sum());
        }
    }

    /** Runs a job and prints a line the batch benchmark reads: its name, seconds and rows. */
    private static void timed(PrintStream out, String job, String what, java.util.function.LongSupplier run) {
        long started = System.nanoTime();
        long rows = run.getAsLong();
        double seconds = PremiumBacklogJob.seconds(started);
        out.printf(java.util.Locale.ROOT, "timing: %s %.1f s, %d %s (%.0f rows/s)%n", job, seconds, rows, what, rows / Math.max(seconds, 1e-3));
    }
}

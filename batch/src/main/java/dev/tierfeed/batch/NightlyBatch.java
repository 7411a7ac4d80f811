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
            new PremiumBacklogJob(spark, options).run(out);
            out.printf("[2/3] standard expiry%n");
            new StandardExpiryJob(spark, options).run(out);
            out.printf("[3/3] delivery audit%n");
            new DeliveryAuditJob(spark, options).run(out);
        }
    }
}

package dev.tierfeed.batch;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Recomputes every viewer's premium backlog from the master tables (posts, following, seen) as
 * of the cutoff, into a new generation of the batch view; flips the pointer only when the
 * generation is complete; drops generations older than the previous one. Running it twice for
 * the same cutoff gives the same rows (in a new generation).
 *
 * <pre>spark-submit --class dev.tierfeed.batch.PremiumBacklogJob tierfeed-batch-spark.jar --as-of 2026-11-22T00:00:00Z</pre>
 */
public final class PremiumBacklogJob {
    private final SparkSession spark;
    private final BatchOptions options;
    private final CassandraTables tables;

    PremiumBacklogJob(SparkSession spark, BatchOptions options) {
        this.spark = spark;
        this.options = options;
        this.tables = new CassandraTables(spark, options.keyspace());
    }

    public static void main(String[] args) {
        BatchOptions options = BatchOptions.parseOrExit(args, "PremiumBacklogJob",
                "Recomputes every viewer's unseen premium posts as of the cutoff into a new batch-view generation.");
        try (SparkSession spark = CassandraTables.session("tierfeed-premium-backlog", options)) {
            new PremiumBacklogJob(spark, options).run(System.out);
        }
    }

    /** Computes, writes and flips a generation; returns the number of backlog rows in it. */
    long run(PrintStream out) {
        RuleFunctions.register(spark, options.rules(), options.asOf());
        Generations generations = new Generations(tables);
        long generation = generations.next();
        out.printf("premium backlog: computing generation %d as of %s%n", generation, options.asOf());
        Dataset<Row> backlog = backlog(tables.read("posts"), tables.read("following"), tables.read("seen"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long started = System.nanoTime();
        try {
            long rows = backlog.count();
            tables.append(backlog, generations.create(generation));
            generations.flip(generation, options.asOf(), rows);
            List<String> dropped = generations.dropOlderThan(generation - 1);
            out.printf("premium backlog: generation %d complete and flipped in: %d rows in %.1f s (%.0f rows/s); dropped %s%n",
                    generation, rows, seconds(started), rows / Math.max(seconds(started), 1e-3), dropped);
            return rows;
        } finally {
            backlog.unpersist();
        }
    }

    /**
     * The backlog rows (viewer_id, post_id, author_id, text, created_at, media): premium posts made by
     * the cutoff, paired with their authors' followers and their seen receipts, kept where
     * {@code core} says the pair belongs in the backlog ({@link RuleFunctions#inBacklog()}).
     */
    static Dataset<Row> backlog(Dataset<Row> posts, Dataset<Row> following, Dataset<Row> seen) {
        Dataset<Row> premium = posts.where(RuleFunctions.premiumMadeBy());
        return RuleFunctions.pairs(premium, following, seen).where(RuleFunctions.inBacklog())
                .select(col("follower_id").as("viewer_id"), col("id").as("post_id"), col("author_id"), col("text"), col("created_at"), col("media"));
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}

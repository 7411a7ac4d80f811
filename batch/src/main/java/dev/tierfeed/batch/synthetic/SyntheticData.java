package dev.tierfeed.batch.synthetic;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import dev.tierfeed.core.Ids;
import dev.tierfeed.core.Tier;
import dev.tierfeed.joboptions.CassandraOptions;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Writes a synthetic world for the batch benchmark into a keyspace (TIERFEED_KEYSPACE): users
 * of every tier, follows with a realistic skew (a few accounts have very many followers: each
 * follow picks its account as floor(N·u³) for uniform u), one post per user over the ten days
 * before the cutoff, seen receipts for a third of the deliveries, and standard speed-view rows
 * (some past the retention). Deterministic for a size and seed.
 *
 * <pre>SyntheticData --users N --follows-per-user K --as-of INSTANT</pre>
 */
@Command(name = "SyntheticData", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes a deterministic synthetic world for the batch benchmark into a keyspace.")
public final class SyntheticData implements Callable<Integer> {
    @Option(names = "--users", required = true, paramLabel = "N", description = "how many users")
    private long users;

    @Option(names = "--follows-per-user", required = true, paramLabel = "K", description = "follows drawn per user")
    private int followsPerUser;

    @Option(names = "--as-of", required = true, paramLabel = "INSTANT", description = "the cutoff the world is built around")
    private Instant cutoff;

    @Mixin
    private CassandraOptions cassandra;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SyntheticData()).execute(args));
    }

    @Override
    public Integer call() {
        try (SparkSession spark = SparkSession.builder().appName("tierfeed-synthetic-data")
                .config("spark.cassandra.connection.host", cassandra.host())
                .config("spark.cassandra.connection.port", cassandra.port())
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.cassandra.output.concurrent.writes", "64")
                .getOrCreate()) {
            long started = System.nanoTime();
            long rows = write(spark, cassandra.keyspace(), users, followsPerUser, cutoff);
            System.out.printf(java.util.Locale.ROOT, "synthetic data: %d users, %d rows written in %.1f s%n",
                    users, rows, (System.nanoTime() - started) / 1e9);
        }
        return 0;
    }

    static long write(SparkSession spark, String keyspace, long users, int followsPerUser, Instant cutoff) {
        long cutoffMillis = cutoff.toEpochMilli();
        long tenDays = Duration.ofDays(10).toMillis();
        long epoch = Ids.EPOCH.toEpochMilli();
        // ids 1..N; a tenth premium, four tenths standard, half free
        Dataset<Row> people = spark.range(1, users + 1).toDF("id")
                .withColumn("tier", expr("CASE WHEN id % 10 = 0 THEN '" + Tier.PREMIUM + "' WHEN id % 10 < 5 THEN '"
                        + Tier.STANDARD + "' ELSE '" + Tier.FREE + "' END"))
                .withColumn("handle", expr("concat('u', id)"))
                .withColumn("created_at", lit(Timestamp.from(cutoff.minus(Duration.ofDays(60)))));
        long written = save(people, keyspace, "users");

        Dataset<Row> follows = spark.range(0, users * followsPerUser).toDF("n")
                .withColumn("follower_id", expr("n % " + users + " + 1"))
                .withColumn("followee_id", expr("cast(floor(" + users + " * pow(rand(7), 3)) as bigint) + 1"))
                .where(col("follower_id").notEqual(col("followee_id")))
                .withColumn("since", lit(Timestamp.from(cutoff.minus(Duration.ofDays(30)))))
                .dropDuplicates("follower_id", "followee_id")
                .drop("n").cache();
        written += save(follows.select("follower_id", "followee_id", "since"), keyspace, "following");
        written += save(follows.select("followee_id", "follower_id", "since"), keyspace, "followers");

        // one post per user, at a time spread over the ten days before the cutoff; the id encodes it
        Dataset<Row> posts = people.select(col("id").as("author_id"), col("tier"))
                .withColumn("at_millis", expr(cutoffMillis + " - cast(rand(11) * " + tenDays + " as bigint)"))
                .withColumn("id", expr("shiftleft(at_millis - " + epoch + ", 22) + (author_id % 4194304)"))
                .withColumn("created_at", expr("timestamp_millis(at_millis)"))
                .withColumn("text", expr("concat('post by ', author_id)"))
                .drop("at_millis").cache();
        written += save(posts.select("id", "author_id", "tier", "text", "created_at"), keyspace, "posts");
        written += save(posts.select("author_id", "id", "tier", "text", "created_at"), keyspace, "posts_by_author");

        Dataset<Row> deliveries = posts.join(follows, posts.col("author_id").equalTo(follows.col("followee_id")));
        written += save(deliveries.where(expr("pmod(hash(follower_id, id), 3) = 0"))
                .select(col("follower_id").as("viewer_id"), col("id").as("post_id"), col("created_at").as("seen_at")), keyspace, "seen");
        written += save(deliveries.where(col("tier").equalTo(Tier.STANDARD.name()))
                .select(col("follower_id").as("viewer_id"), lit(Tier.STANDARD.rank()).as("tier_rank"), col("id").as("post_id"),
                        col("author_id"), col("text"), col("created_at")), keyspace, "speed_view");
        return written;
    }

    private static long save(Dataset<Row> rows, String keyspace, String table) {
        Dataset<Row> cached = rows.cache();
        long count = cached.count();
        cached.write().format("org.apache.spark.sql.cassandra").options(Map.of("keyspace", keyspace, "table", table))
                .mode(SaveMode.Append).save();
        cached.unpersist();
        return count;
    }
}

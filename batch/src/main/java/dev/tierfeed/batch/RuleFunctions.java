package dev.tierfeed.batch;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;

import dev.tierfeed.core.BatchCutoff;
import dev.tierfeed.core.DeliveryPolicy;
import dev.tierfeed.core.FollowHistory;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.TierRules;
import dev.tierfeed.joboptions.TierRuleOptions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF7;
import org.apache.spark.sql.types.DataTypes;
import picocli.CommandLine;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * The rules of {@code core} as Spark SQL functions over the master tables' columns, so the batch
 * jobs apply exactly the rules streaming and serving apply: each function only converts columns
 * to {@code core}'s types and calls {@link BatchCutoff} or {@link DeliveryPolicy}. Registered for
 * one cutoff. The notebooks register them too ({@link #registerWithSettings}), so an analyst's
 * query applies the same rules.
 */
public final class RuleFunctions {
    private RuleFunctions() {
    }

    /**
     * Registers the functions as of {@code cutoff} (ISO-8601) with the tier rules of the TIERFEED_*
     * settings, as every job reads them: for PySpark notebooks, which call it through py4j
     * ({@code spark._jvm.dev.tierfeed.batch.RuleFunctions.registerWithSettings(spark._jsparkSession, cutoff)}).
     */
    public static void registerWithSettings(SparkSession spark, String cutoff) {
        TierRuleOptions settings = new TierRuleOptions();
        new CommandLine(settings).parseArgs();
        register(spark, settings.rules(), Instant.parse(cutoff));
    }

    static void register(SparkSession spark, TierRules rules, Instant cutoff) {
        BatchCutoff batch = new BatchCutoff(cutoff);
        DeliveryPolicy policy = new DeliveryPolicy(rules);
        spark.udf().register("tierfeed_made_by", (UDF1<Timestamp, Boolean>) postedAt -> batch.isMadeBy(postedAt.toInstant()),
                DataTypes.BooleanType);
        spark.udf().register("tierfeed_premium_made_by",
                (UDF2<String, Timestamp, Boolean>) (tier, postedAt) -> batch.isPremiumMadeBy(Tier.valueOf(tier), postedAt.toInstant()),
                DataTypes.BooleanType);
        spark.udf().register("tierfeed_in_backlog",
                (UDF7<Long, Long, String, Timestamp, Timestamp, Seq<Row>, Timestamp, Boolean>) (viewer, author, tier, postedAt, since, ended, seenAt) ->
                        batch.isInBacklog(viewer, author, Tier.valueOf(tier), postedAt.toInstant(), history(since, ended), instant(seenAt)),
                DataTypes.BooleanType);
        spark.udf().register("tierfeed_outcome",
                (UDF7<Long, Long, String, Timestamp, Timestamp, Seq<Row>, Timestamp, String>) (viewer, author, tier, postedAt, since, ended, seenAt) ->
                        batch.outcome(policy, viewer, author, Tier.valueOf(tier), postedAt.toInstant(), history(since, ended), instant(seenAt)).name(),
                DataTypes.StringType);
        spark.udf().register("tierfeed_within_retention",
                (UDF2<Integer, Timestamp, Boolean>) (tierRank, postedAt) -> rules.isWithinRetention(Tier.ofRank(tierRank), postedAt.toInstant(), cutoff),
                DataTypes.BooleanType);
    }

    /** Whether a post (created_at) was made by the cutoff. */
    static Column madeBy() {
        return callUDF("tierfeed_made_by", col("created_at"));
    }

    /** Whether a post (tier, created_at) is premium and made by the cutoff: the batch view's side of the line. */
    static Column premiumMadeBy() {
        return callUDF("tierfeed_premium_made_by", col("tier"), col("created_at"));
    }

    /** Whether a (follower, post) pair with its follow history and seen receipt belongs in the premium backlog. */
    static Column inBacklog() {
        return callUDF("tierfeed_in_backlog", pair());
    }

    /** Where a (follower, post) pair stood at the cutoff: a {@link DeliveryPolicy.Outcome} name. */
    static Column outcome() {
        return callUDF("tierfeed_outcome", pair());
    }

    /** Whether a speed-view row (tier_rank, created_at) is within its tier's retention at the cutoff. */
    static Column withinRetention() {
        return callUDF("tierfeed_within_retention", col("tier_rank"), col("created_at"));
    }

    /**
     * Each post joined with every follow row of its author, and with the follower's seen receipt
     * of it where there is one: the pairs {@link #inBacklog()} and {@link #outcome()} judge.
     */
    static Dataset<Row> pairs(Dataset<Row> posts, Dataset<Row> following, Dataset<Row> seen) {
        Dataset<Row> receipts = seen.select(col("viewer_id").as("seen_viewer"), col("post_id").as("seen_post"), col("seen_at"));
        Dataset<Row> pairs = posts.join(following, posts.col("author_id").equalTo(following.col("followee_id")));
        return pairs.join(receipts, pairs.col("follower_id").equalTo(receipts.col("seen_viewer"))
                .and(pairs.col("id").equalTo(receipts.col("seen_post"))), "left");
    }

    private static Column[] pair() {
        return new Column[] {col("follower_id"), col("author_id"), col("tier"), col("created_at"), col("since"), col("ended"), col("seen_at")};
    }

    private static Optional<Instant> instant(Timestamp timestamp) {
        return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
    }

    private static FollowHistory history(Timestamp since, Seq<Row> ended) {
        List<FollowHistory.Period> periods = new ArrayList<>();
        if (ended != null) {
            for (Row period : JavaConverters.seqAsJavaList(ended)) {
                periods.add(new FollowHistory.Period(((Timestamp) period.get(0)).toInstant(), ((Timestamp) period.get(1)).toInstant()));
            }
        }
        return new FollowHistory(since == null ? null : since.toInstant(), periods);
    }
}

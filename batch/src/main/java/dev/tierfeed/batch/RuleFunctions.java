package dev.tierfeed.batch;

import static org.apache.spark.sql.functions.callUDF;

import dev.tierfeed.core.BatchCutoff;
import dev.tierfeed.core.FollowHistory;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.TierRules;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * The rules of {@code core} as Spark SQL functions, so the batch jobs apply exactly the rules
 * streaming and serving apply. Registered for one cutoff.
 */
final class RuleFunctions {
    private RuleFunctions() {
    }

    static void register(SparkSession spark, TierRules rules, Instant cutoff) {
        BatchCutoff batch = new BatchCutoff(cutoff);
        spark.udf().register("tierfeed_in_backlog",
                (UDF6<Long, Long, String, Timestamp, Timestamp, Seq<Row>, Boolean>) (viewer, author, tier, postedAt, since, ended) ->
                        batch.isInBacklog(viewer, author, Tier.valueOf(tier), postedAt.toInstant(), history(since, ended), false),
                DataTypes.BooleanType);
        spark.udf().register("tierfeed_addressed",
                (UDF4<Long, Long, Timestamp, Row, Boolean>) (viewer, author, postedAt, follow) ->
                        viewer.longValue() != author.longValue()
                                && history(follow.getAs("since"), follow.getAs("ended")).asOf(cutoff).addressesPostAt(postedAt.toInstant()),
                DataTypes.BooleanType);
        spark.udf().register("tierfeed_within_retention",
                (UDF2<String, Timestamp, Boolean>) (tier, postedAt) -> rules.isWithinRetention(Tier.valueOf(tier), postedAt.toInstant(), cutoff),
                DataTypes.BooleanType);
    }

    /** Whether the (viewer, post) pair belongs in the premium backlog, seen receipts aside. */
    static Column inBacklog() {
        return callUDF("tierfeed_in_backlog", col("follower_id"), col("author_id"), col("tier"), col("created_at"), col("since"), col("ended"));
    }

    /** Whether the post is addressed to the follower as of the cutoff (a struct of since and ended). */
    static Column addressed() {
        return callUDF("tierfeed_addressed", col("follower_id"), col("author_id"), col("created_at"),
                org.apache.spark.sql.functions.struct(col("since"), col("ended")));
    }

    /** The seen receipts given by the cutoff, as (seen_viewer, seen_post) for joining with deliveries. */
    static org.apache.spark.sql.Dataset<Row> seenBy(org.apache.spark.sql.Dataset<Row> seen, Instant cutoff) {
        return seen.where(col("seen_at").leq(org.apache.spark.sql.functions.lit(Timestamp.from(cutoff))))
                .select(col("viewer_id").as("seen_viewer"), col("post_id").as("seen_post"));
    }

    /** The join condition of deliveries (follower_id, id) with {@link #seenBy} receipts. */
    static Column isReceiptOf(org.apache.spark.sql.Dataset<Row> deliveries, org.apache.spark.sql.Dataset<Row> receipts) {
        return deliveries.col("follower_id").equalTo(receipts.col("seen_viewer")).and(deliveries.col("id").equalTo(receipts.col("seen_post")));
    }

    static Column withinRetention() {
        return callUDF("tierfeed_within_retention", col("tier"), col("created_at"));
    }

    private static Column col(String name) {
        return org.apache.spark.sql.functions.col(name);
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

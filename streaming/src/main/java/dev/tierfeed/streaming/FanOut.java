package dev.tierfeed.streaming;

import static org.apache.spark.sql.functions.col;

import dev.tierfeed.core.Post;
import dev.tierfeed.core.PostEventCodec;
import java.sql.Timestamp;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one micro-batch, each from Datasets to a Dataset so each can be tried on a
 * handful of rows: decode the post events, and turn posts and followers into speed-view rows.
 */
final class FanOut {
    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

    /** A post as the {@code posts} and {@code posts_by_author} tables hold it. */
    static final StructType POST = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("author_id", DataTypes.LongType, false)
            .add("tier", DataTypes.StringType, false)
            .add("text", DataTypes.StringType, false)
            .add("created_at", DataTypes.TimestampType, false);

    private FanOut() {
    }

    /**
     * Kafka records (a binary {@code value} column) to post rows. A record that is not a post
     * event is logged and skipped: one bad record must not stop every feed.
     */
    static Dataset<Row> decodePosts(Dataset<Row> records) {
        return records.select("value").flatMap((FlatMapFunction<Row, Row>) record -> {
            byte[] value = record.getAs("value");
            try {
                return List.of(toRow(PostEventCodec.decode(value))).iterator();
            } catch (IllegalArgumentException e) {
                LOG.warn("skipping a record that is not a post event: {}", e.getMessage());
                return Collections.emptyIterator();
            }
        }, Encoders.row(POST));
    }

    static Row toRow(Post post) {
        return RowFactory.create(post.id(), post.authorId(), post.tier().name(), post.text().value(),
                Timestamp.from(post.createdAt()));
    }

    /**
     * One speed-view row per follower of each post's author ({@code followers} is the
     * followers table: followee_id, follower_id, since). An author is never in their own feed.
     */
    static Dataset<Row> deliveries(Dataset<Row> posts, Dataset<Row> followers) {
        return posts.join(followers, posts.col("author_id").equalTo(followers.col("followee_id")))
                .where(col("follower_id").notEqual(col("author_id")))
                .select(col("follower_id").as("viewer_id"), col("id").as("post_id"),
                        col("author_id"), col("tier"), col("text"), col("created_at"));
    }
}

package dev.tierfeed.batch;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A handful of master-table rows as DataFrames shaped like the connector reads them, on one
 * local Spark session shared by the batch module's tests.
 */
final class Worlds {
    private static final StructType POSTS = new StructType()
            .add("id", DataTypes.LongType).add("author_id", DataTypes.LongType).add("tier", DataTypes.StringType)
            .add("text", DataTypes.StringType).add("created_at", DataTypes.TimestampType).add("media", DataTypes.StringType);
    private static final StructType PERIOD = new StructType().add("_1", DataTypes.TimestampType).add("_2", DataTypes.TimestampType);
    private static final StructType FOLLOWING = new StructType()
            .add("follower_id", DataTypes.LongType).add("followee_id", DataTypes.LongType)
            .add("since", DataTypes.TimestampType).add("ended", DataTypes.createArrayType(PERIOD));
    private static final StructType SEEN = new StructType()
            .add("viewer_id", DataTypes.LongType).add("post_id", DataTypes.LongType).add("seen_at", DataTypes.TimestampType);
    private static final StructType SPEED_VIEW = new StructType()
            .add("viewer_id", DataTypes.LongType).add("tier_rank", DataTypes.IntegerType).add("post_id", DataTypes.LongType)
            .add("author_id", DataTypes.LongType).add("text", DataTypes.StringType).add("created_at", DataTypes.TimestampType);

    private static SparkSession spark;

    private Worlds() {
    }

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2]").appName("tierfeed-batch-tests")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        }
        return spark;
    }

    static Row post(long id, long author, String tier, Instant at) {
        return RowFactory.create(id, author, tier, "post " + id, Timestamp.from(at), id % 2 == 0 ? id + ":image/png" : null);
    }

    /** A follow row: {@code since} null when not following now; {@code ended} as from, until, from, until … */
    static Row follow(long follower, long followee, Instant since, Instant... ended) {
        Row[] periods = new Row[ended.length / 2];
        for (int i = 0; i < periods.length; i++) {
            periods[i] = RowFactory.create(Timestamp.from(ended[2 * i]), Timestamp.from(ended[2 * i + 1]));
        }
        return RowFactory.create(follower, followee, since == null ? null : Timestamp.from(since), Arrays.asList(periods));
    }

    static Row seen(long viewer, long post, Instant at) {
        return RowFactory.create(viewer, post, Timestamp.from(at));
    }

    static Row speedRow(long viewer, int tierRank, long post, Instant at) {
        return RowFactory.create(viewer, tierRank, post, 1L, "post " + post, Timestamp.from(at));
    }

    static Dataset<Row> posts(Row... rows) {
        return frame(POSTS, rows);
    }

    static Dataset<Row> following(Row... rows) {
        return frame(FOLLOWING, rows);
    }

    static Dataset<Row> seen(Row... rows) {
        return frame(SEEN, rows);
    }

    static Dataset<Row> speedView(Row... rows) {
        return frame(SPEED_VIEW, rows);
    }

    private static Dataset<Row> frame(StructType schema, Row... rows) {
        return spark().createDataFrame(List.of(rows), schema);
    }
}

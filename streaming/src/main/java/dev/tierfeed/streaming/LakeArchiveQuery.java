package dev.tierfeed.streaming;

import dev.tierfeed.core.EventLake;
import dev.tierfeed.core.EventTopics;
import dev.tierfeed.core.MediaRef;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.StorageNames;
import dev.tierfeed.core.UserEvent;
import dev.tierfeed.core.UserEventCodec;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The event lake: a Structured Streaming query that appends every event of the log (the posts
 * topic and the events topic) to Parquet on S3A ({@code s3a://<lake bucket>/events}, partitioned
 * as {@link EventLake} says), each row with the Kafka topic, partition and offset it came from.
 * Spark's file sink with its checkpoint makes it exactly once across crashes: a batch is committed
 * in the sink's own log ({@code _spark_metadata}) once, files of an attempt that did not commit are
 * never listed there, and readers of the lake's root read through that log.
 *
 * <p>One schema for every type ({@link #SCHEMA}): a post fills {@code id, author_id, tier, text,
 * media}; the other events fill {@code user_id} and, as their type has them, {@code target_id}
 * (followee, seen post), {@code tier} (new user's, new tier) and {@code handle}. {@code created_at}
 * is the event's time for every type.
 */
final class LakeArchiveQuery {
    static final long MAX_EVENTS_PER_BATCH = 200_000;
    static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType)
            .add("author_id", DataTypes.LongType)
            .add("tier", DataTypes.StringType)
            .add("text", DataTypes.StringType)
            .add("created_at", DataTypes.TimestampType)
            .add("kafka_partition", DataTypes.IntegerType)
            .add("kafka_offset", DataTypes.LongType)
            .add("media", DataTypes.StringType)
            .add("user_id", DataTypes.LongType)
            .add("target_id", DataTypes.LongType)
            .add("handle", DataTypes.StringType)
            .add("kafka_topic", DataTypes.StringType)
            .add(EventLake.TYPE, DataTypes.StringType)
            .add(EventLake.DATE, DataTypes.StringType)
            .add(EventLake.HOUR, DataTypes.IntegerType);

    private final SparkSession spark;
    private final FanOutOptions options;

    LakeArchiveQuery(SparkSession spark, FanOutOptions options) {
        this.spark = spark;
        this.options = options;
    }

    StreamingQuery start() throws TimeoutException {
        // a log that already holds millions of events is archived in files of at most this many
        Dataset<Row> records = FanOutJob.log(spark, options, MAX_EVENTS_PER_BATCH, options.postsTopic(), EventTopics.EVENTS);
        return events(records.select("value", "topic", "partition", "offset")).writeStream()
                .queryName(StorageNames.LAKE_QUERY)
                .format("parquet")
                .option("path", options.lake().lakeUri())
                .option("checkpointLocation", options.lakeCheckpoint())
                .partitionBy(EventLake.TYPE, EventLake.DATE, EventLake.HOUR)
                .outputMode(OutputMode.Append())
                .trigger(Trigger.ProcessingTime(options.lakeTrigger().toMillis()))
                .start();
    }

    /** The lake's rows of Kafka records ({@code value, topic, partition, offset}); a record that is not an event is skipped. */
    static Dataset<Row> events(Dataset<Row> records) {
        // one row at a time, never a partition's worth in memory
        return records.flatMap((FlatMapFunction<Row, Row>) record -> {
            byte[] value = record.getAs("value");
            String topic = record.getAs("topic");
            int partition = record.<Integer>getAs("partition");
            long offset = record.<Long>getAs("offset");
            Optional<Row> row = EventTopics.POSTS.equals(topic)
                    ? FanOutJob.decode(value).map(post -> row(post, topic, partition, offset))
                    : FanOutJob.decode(value, UserEventCodec::decode, "an event").map(event -> row(event, topic, partition, offset));
            return row.stream().iterator();
        }, Encoders.row(SCHEMA));
    }

    private static Row row(Post post, String topic, int partition, long offset) {
        return RowFactory.create(post.id(), post.authorId(), post.tier().name(), post.text().value(), Timestamp.from(post.createdAt()),
                partition, offset, MediaRef.toColumn(post.media()), null, null, null, topic,
                EventLake.POST, EventLake.dateOf(post.createdAt()), EventLake.hourOf(post.createdAt()));
    }

    private static Row row(UserEvent event, String topic, int partition, long offset) {
        return RowFactory.create(null, null, event.tier() == null ? null : event.tier().name(), null, Timestamp.from(event.at()),
                partition, offset, null, event.userId(), event.targetId() == 0 ? null : event.targetId(), event.handle(), topic,
                event.type().lakeName(), EventLake.dateOf(event.at()), EventLake.hourOf(event.at()));
    }
}

package dev.tierfeed.streaming;

import dev.tierfeed.core.EventLake;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.StorageNames;
import java.sql.Timestamp;
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
 * The event lake: a Structured Streaming query that appends every event of the log to Parquet on
 * S3A ({@code s3a://<lake bucket>/events}, partitioned as {@link EventLake} says), each row with the
 * Kafka partition and offset it came from. Spark's file sink with its checkpoint makes it exactly
 * once across crashes: a batch is committed in the sink's own log ({@code _spark_metadata}) once,
 * files of an attempt that did not commit are never listed there, and readers of the lake's root
 * read through that log.
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
        // a log that already holds millions of posts is archived in files of at most this many events
        Dataset<Row> records = FanOutJob.postsLog(spark, options, MAX_EVENTS_PER_BATCH);
        return events(records.select("value", "partition", "offset")).writeStream()
                .queryName(StorageNames.LAKE_QUERY)
                .format("parquet")
                .option("path", options.lake().lakeUri())
                .option("checkpointLocation", options.lakeCheckpoint())
                .partitionBy(EventLake.TYPE, EventLake.DATE, EventLake.HOUR)
                .outputMode(OutputMode.Append())
                .trigger(Trigger.ProcessingTime(options.lakeTrigger().toMillis()))
                .start();
    }

    /** The lake's rows of Kafka records ({@code value, partition, offset}); a record that is not an event is skipped. */
    static Dataset<Row> events(Dataset<Row> records) {
        // one row at a time, never a partition's worth in memory
        return records.flatMap((FlatMapFunction<Row, Row>) record -> FanOutJob.decode(record.getAs("value"))
                .map(post -> row(post, record.<Integer>getAs("partition"), record.<Long>getAs("offset"))).stream().iterator(),
                Encoders.row(SCHEMA));
    }

    private static Row row(Post post, int partition, long offset) {
        return RowFactory.create(post.id(), post.authorId(), post.tier().name(), post.text().value(), Timestamp.from(post.createdAt()),
                partition, offset, EventLake.POST, EventLake.dateOf(post.createdAt()), EventLake.hourOf(post.createdAt()));
    }
}

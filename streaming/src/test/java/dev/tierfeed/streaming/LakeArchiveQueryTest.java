package dev.tierfeed.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierfeed.core.EventLake;
import dev.tierfeed.core.EventTopics;
import dev.tierfeed.core.Follow;
import dev.tierfeed.core.Handle;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.MediaKind;
import dev.tierfeed.core.MediaRef;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PostEventCodec;
import dev.tierfeed.core.PostText;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.User;
import dev.tierfeed.core.UserEvent;
import dev.tierfeed.core.UserEventCodec;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lake's rows of log records, on a local Spark: each type fills its columns and lands in its partition; other records are skipped. */
class LakeArchiveQueryTest {
    private static final Instant AT = Instant.parse("2026-11-27T23:59:59.500Z");
    private static final StructType RECORDS = new StructType().add("value", DataTypes.BinaryType).add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType).add("offset", DataTypes.LongType);
    private static SparkSession spark;

    @BeforeAll
    static void localSpark() {
        spark = SparkSession.builder().master("local[1]").appName("lake-test").config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void everyTypeFillsItsColumnsAndRecordsThatAreNoEventsAreSkipped() {
        long postId = Ids.lowestAt(AT);
        Post post = Post.create(postId, 42, Tier.PREMIUM, new PostText(""), List.of(new MediaRef(postId - 1, MediaKind.GIF)));
        List<Row> records = List.of(
                record(PostEventCodec.encode(post), EventTopics.POSTS, 0),
                record(UserEventCodec.encode(UserEvent.userCreated(new User(7, new Handle("ada"), Tier.FREE, AT))), EventTopics.EVENTS, 1),
                record(UserEventCodec.encode(UserEvent.follow(new Follow(7, 42, AT))), EventTopics.EVENTS, 2),
                record(UserEventCodec.encode(UserEvent.seen(7, List.of(postId), AT).get(0)), EventTopics.EVENTS, 3),
                record("not an event".getBytes(StandardCharsets.UTF_8), EventTopics.EVENTS, 4),
                record("not a post".getBytes(StandardCharsets.UTF_8), EventTopics.POSTS, 5));

        Map<String, Row> rows = LakeArchiveQuery.events(spark.createDataFrame(records, RECORDS)).collectAsList().stream()
                .collect(Collectors.toMap(row -> row.getAs(EventLake.TYPE), Function.identity()));

        assertThat(rows.keySet()).containsExactlyInAnyOrder("post", "user_created", "follow", "seen");
        Row postRow = rows.get("post");
        assertThat(postRow.<Long>getAs("id")).isEqualTo(postId);
        assertThat(postRow.<Long>getAs("author_id")).isEqualTo(42L);
        assertThat(postRow.<String>getAs("media")).isEqualTo((postId - 1) + ":image/gif");
        assertThat(postRow.<String>getAs(EventLake.DATE)).isEqualTo("2026-11-27");
        assertThat(postRow.<Integer>getAs(EventLake.HOUR)).isEqualTo(23);
        Row created = rows.get("user_created");
        assertThat(created.<Long>getAs("user_id")).isEqualTo(7L);
        assertThat(created.<String>getAs("handle")).isEqualTo("ada");
        assertThat(created.<String>getAs("tier")).isEqualTo("FREE");
        assertThat(created.isNullAt(created.fieldIndex("id"))).isTrue();
        assertThat(rows.get("follow").<Long>getAs("target_id")).isEqualTo(42L);
        assertThat(rows.get("follow").<String>getAs("kafka_topic")).isEqualTo(EventTopics.EVENTS);
        assertThat(rows.get("follow").<Long>getAs("kafka_offset")).isEqualTo(2L);
        assertThat(rows.get("seen").<Long>getAs("target_id")).isEqualTo(postId);
        assertThat(rows.get("seen").<Timestamp>getAs("created_at").toInstant()).isEqualTo(AT);
    }

    private static Row record(byte[] value, String topic, long offset) {
        return RowFactory.create(value, topic, 0, offset);
    }
}

package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tierfeed.core.EventLake;
import dev.tierfeed.core.Post;
import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The event lake on the real stack: every post the log holds is a row in the Parquet lake on S3A,
 * exactly once, also across a kill -9 of the streaming job, counted per day and type by
 * {@code bin/tierfeed lake} and reconciled with the log the test reads itself.
 */
@ExtendWith(TierfeedStackExtension.class)
class LakeTest {
    private static final Pattern LINE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) (\\S+) (\\d+)$", Pattern.MULTILINE);

    @Test
    void everyPostInTheLogIsOneRowOfTheLakeAlsoAcrossAKillOfTheStreamingJob(TestStack stack) {
        Api api = new Api(stack.apiUri());
        String author = api.createUser("STANDARD");
        for (int i = 0; i < 20; i++) {
            api.createPost(author, "to the lake " + i);
        }
        // killed while the lake query may be between writing its files and committing them; posts made while it is down
        stack.crashStreaming(() -> {
            for (int i = 0; i < 20; i++) {
                api.createPost(author, "while the job is down " + i);
            }
        });
        for (int i = 0; i < 10; i++) {
            api.createPost(author, "after the restart " + i);
        }
        Map<String, Long> expected = perDay(EventLog.posts(stack));
        assertThat(expected.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(50);

        await("the lake to hold every post of the log once").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(lakeRows(stack)).isEqualTo(expected));

        try (S3Client s3 = S3Store.client(stack.settings())) {
            List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket(stack.settings().lakeBucket()).prefix(EventLake.ROOT + "/"))
                    .contents().stream().map(S3Object::key).toList();
            assertThat(keys).anyMatch(key -> key.matches("events/event_type=post/event_date=\\d{4}-\\d{2}-\\d{2}/event_hour=\\d{1,2}/part-.*\\.parquet"));
            assertThat(keys).anyMatch(key -> key.startsWith("events/_spark_metadata/"));
        }
        // the lake and the statistics queries report their heartbeats like the fan-out, so the health check sees them
        Api admin = new Api(stack.adminUri());
        await("the health of the lake and statistics queries").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    com.fasterxml.jackson.databind.JsonNode health = admin.get("/healthcheck").body();
                    assertThat(health.path("lake").path("healthy").asBoolean()).as("lake: %s", health.path("lake")).isTrue();
                    assertThat(health.path("ingest-stats").path("healthy").asBoolean()).as("ingest-stats: %s", health.path("ingest-stats")).isTrue();
                });
    }

    private static Map<String, Long> perDay(List<Post> posts) {
        return posts.stream().collect(Collectors.groupingBy(post -> EventLake.dateOf(post.createdAt()) + " " + EventLake.POST,
                TreeMap::new, Collectors.counting()));
    }

    /** What {@code bin/tierfeed lake} prints, as day and type to rows. */
    private static Map<String, Long> lakeRows(TestStack stack) {
        Map<String, Long> rows = new TreeMap<>();
        Matcher line = LINE.matcher(stack.cli("lake"));
        while (line.find()) {
            rows.put(line.group(1) + " " + line.group(2), Long.parseLong(line.group(3)));
        }
        return rows;
    }
}

package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tierfeed.core.EventLake;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.UserEvent;
import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The event lake on the real stack: every event the API acknowledged is in the log, and every
 * event of the log (posts, users, tier changes, follows, unfollows, seen receipts, presence) is a
 * row in the Parquet lake on S3A, exactly once, also across a kill -9 of the streaming job,
 * counted per day and type by {@code bin/tierfeed lake} and reconciled with the log the test
 * reads itself.
 */
@ExtendWith(TierfeedStackExtension.class)
class LakeTest {

    @Test
    void everyAcknowledgedEventIsOneRowOfTheLakePerTypeAlsoAcrossAKillOfTheStreamingJob(TestStack stack) {
        Api api = Api.of(stack);
        Acknowledged acknowledged = new Acknowledged();
        String author = acknowledged.user(api, "STANDARD");
        acknowledged.activity(api, author, "to the lake", 20);
        // killed while the lake query may be between writing its files and committing them; events made while it is down
        stack.crashStreaming(() -> acknowledged.activity(api, author, "while the job is down", 20));
        acknowledged.activity(api, author, "after the restart", 10);

        // what the API acknowledged is in the log, type by type
        Map<String, Long> logged = perType(EventLog.posts(stack), EventLog.events(stack), acknowledged.users);
        assertThat(logged).isEqualTo(acknowledged.counts);
        assertThat(acknowledged.counts.keySet()).containsExactlyInAnyOrder(
                "post", "user_created", "tier_changed", "follow", "unfollow", "seen", "presence", "login", "login_failed", "profile_changed");

        // and the log is in the lake, once (read again each time: other tests' trailing presence may still arrive)
        await("the lake to hold every event of the log once").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(Lake.rows(stack)).isEqualTo(Lake.perDay(EventLog.posts(stack), EventLog.events(stack))));

        try (S3Client s3 = S3Store.client(stack.settings())) {
            List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket(stack.settings().lakeBucket()).prefix(EventLake.ROOT + "/"))
                    .contents().stream().map(S3Object::key).toList();
            assertThat(keys).anyMatch(key -> key.matches("events/event_type=post/event_date=\\d{4}-\\d{2}-\\d{2}/event_hour=\\d{1,2}/part-.*\\.parquet"));
            assertThat(keys).anyMatch(key -> key.matches("events/event_type=follow/event_date=\\d{4}-\\d{2}-\\d{2}/event_hour=\\d{1,2}/part-.*\\.parquet"));
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

    /** What the test did through the API and the API acknowledged, counted per event type. */
    private static final class Acknowledged {
        final Set<Long> users = new HashSet<>();
        final Map<String, Long> counts = new TreeMap<>();

        String user(Api api, String tier) {
            String id = api.createUser(tier);
            users.add(Long.parseLong(id));
            count("user_created", 1);
            count("login", 1); // the helper logs each user in
            if (!tier.equals("FREE")) {
                count("tier_changed", 1); // sign-up makes FREE accounts; the operator gives the tier
            }
            return id;
        }

        /** A round of everything a user can do: posts, a new follower who follows, reads, watches, changes tier and profile, fails a log-in and unfollows. */
        void activity(Api api, String author, String text, int posts) {
            List<String> made = new ArrayList<>();
            for (int i = 0; i < posts; i++) {
                made.add(api.createPost(author, text + " " + i));
            }
            count("post", posts);
            String follower = user(api, "FREE");
            api.follow(follower, author);
            count("follow", 1);
            Api.Reply seen = api.post("/v1/users/" + follower + "/feed/seen", Api.json("postIds", made.subList(0, 3)));
            assertThat(seen.status()).isEqualTo(204);
            count("seen", 3);
            api.heartbeat(follower);
            api.heartbeat(follower);
            count("presence", 2);
            assertThat(api.patch("/v1/users/" + follower, Api.json("tier", "PREMIUM")).status()).isEqualTo(200);
            count("tier_changed", 1);
            assertThat(api.as(follower).patch("/v1/users/" + follower, Api.json("bio", text)).status()).isEqualTo(200);
            count("profile_changed", 1);
            String handle = api.get("/v1/users/" + follower).text("handle");
            assertThat(api.anonymous().post("/v1/sessions", Api.json("handle", handle, "password", "not the password")).status()).isEqualTo(401);
            count("login_failed", 1);
            assertThat(api.delete("/v1/users/" + follower + "/following/" + author).status()).isEqualTo(204);
            count("unfollow", 1);
        }

        private void count(String type, long n) {
            counts.merge(type, n, Long::sum);
        }
    }

    /** The log's events of these users (posts by their authors), counted per type. */
    private static Map<String, Long> perType(List<Post> posts, List<UserEvent> events, Set<Long> users) {
        Map<String, Long> counts = new TreeMap<>();
        posts.stream().filter(post -> users.contains(post.authorId())).forEach(post -> counts.merge(EventLake.POST, 1L, Long::sum));
        events.stream().filter(event -> users.contains(event.userId())).forEach(event -> counts.merge(event.type().lakeName(), 1L, Long::sum));
        return counts;
    }
}

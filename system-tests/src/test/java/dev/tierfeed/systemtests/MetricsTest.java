package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin port's {@code /metrics}, in Prometheus's text format, shows the whole path of a post:
 * the endpoints' rates, errors and latencies, Kafka's send latency, the streaming job's batches,
 * rows, input rate and lag, and the hybrid fan-out's pulls.
 */
@ExtendWith(TierfeedStackExtension.class)
class MetricsTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aPostAndAFeedReadAreCountedAlongTheWholePath(TestStack stack) throws Exception {
        Api api = Api.of(stack);
        String author = api.createUser("PREMIUM");
        String viewer = api.createUser("FREE");
        api.follow(viewer, author);
        api.feedPostIds(viewer, 10);
        Map<String, Double> before = scrape(stack);

        String post = api.createPost(author, "counted on the way");
        api.awaitFeedContaining(viewer, Duration.ofSeconds(30), post);
        api.get("/v1/users/" + viewer + "/feed?limit=-1"); // refused: 400
        // the streaming job's figures arrive with its heartbeat, every two seconds
        await("the streaming job's report of the post").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> scrape(stack).getOrDefault("tierfeed_streaming_rows_written", 0.0)
                        >= before.getOrDefault("tierfeed_streaming_rows_written", 0.0) + 1);
        Map<String, Double> after = scrape(stack);

        assertThat(grew(before, after, "tierfeed_http_post_v1_posts_requests_count")).isEqualTo(1);
        assertThat(grew(before, after, "tierfeed_http_get_v1_users_id_feed_requests_count")).isGreaterThanOrEqualTo(2);
        assertThat(grew(before, after, "tierfeed_http_get_v1_users_id_feed_refused_total")).isEqualTo(1);
        assertThat(after).containsKeys("tierfeed_http_post_v1_posts_requests{quantile=\"0.99\"}",
                "tierfeed_http_get_v1_users_id_feed_requests{quantile=\"0.99\"}", "tierfeed_http_post_v1_posts_failed_total");
        assertThat(grew(before, after, "tierfeed_kafka_send_count")).isEqualTo(1); // the post; the reads' presence is counted apart
        assertThat(after).containsKey("tierfeed_kafka_event_send_count");
        assertThat(after.get("tierfeed_kafka_send{quantile=\"0.99\"}")).isPositive();
        assertThat(grew(before, after, "tierfeed_streaming_posts_processed")).isGreaterThanOrEqualTo(1);
        assertThat(after.get("tierfeed_streaming_batch_duration_seconds")).isPositive();
        assertThat(after.get("tierfeed_streaming_input_rows_per_second")).isNotNaN();
        assertThat(after.get("tierfeed_streaming_lag_records")).isNotNaN().isGreaterThanOrEqualTo(0);
        assertThat(after.get("tierfeed_streaming_lag_seconds")).isNotNaN().isGreaterThanOrEqualTo(0);
        assertThat(after).containsKeys("tierfeed_feed_pulled_posts_total", "tierfeed_feed_authors_to_pull");
    }

    private static double grew(Map<String, Double> before, Map<String, Double> after, String name) {
        assertThat(after).containsKey(name);
        return after.get(name) - before.getOrDefault(name, 0.0);
    }

    /** Every sample of the scrape by its name with labels; the format's content type is checked on the way. */
    private static Map<String, Double> scrape(TestStack stack) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.adminUri() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        Map<String, Double> samples = new HashMap<>();
        response.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> {
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return samples;
    }
}

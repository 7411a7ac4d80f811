package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tierfeed.core.IngestResolution;
import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ingest statistics on the real stack: the counts per 10 ms, 1 s and 1 min window, over HTTP
 * and from {@code bin/tierfeed stats}, are exactly the posts the log holds for each window (the
 * log is every accepted post; the test counts it itself), and bad queries are refused.
 */
@ExtendWith(TierfeedStackExtension.class)
class IngestStatsTest {
    private static final Duration VISIBLE = Duration.ofSeconds(20);

    @Test
    void countsPerWindowAreExactlyThePostsAcceptedInEachWindowInAllThreeResolutions(TestStack stack) {
        Api api = Api.of(stack);
        String author = api.createUser("FREE");
        List<Instant> accepted = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            accepted.add(Instant.parse(api.post("/v1/posts", Api.json("authorId", author, "text", "counted " + i)).body().path("createdAt").asText()));
        }
        Instant first = accepted.get(0);
        Instant last = accepted.get(accepted.size() - 1);
        List<Instant> log = acceptedInstantsInTheLog(stack);
        assertThat(log).containsAll(accepted);

        for (IngestResolution resolution : IngestResolution.values()) {
            Instant from = resolution.windowStart(first);
            Instant to = resolution.windowStart(last).plus(resolution.length());
            Map<Instant, Long> expected = countPerWindow(log, resolution, from, to);
            assertThat(expected.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(60);
            await(resolution.label() + " counts of the log's posts").atMost(VISIBLE).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(buckets(api.get("/v1/stats/ingest?resolution=" + resolution.label() + "&from=" + from + "&to=" + to).body()))
                            .isEqualTo(expected));
        }
        // the console: the most recent windows that hold a count, newest last, as START COUNT
        for (IngestResolution resolution : IngestResolution.values()) {
            Map<Instant, Long> all = countPerWindow(log, resolution, Instant.EPOCH, Instant.now().plusSeconds(60));
            List<String> lastThree = all.entrySet().stream().skip(Math.max(0, all.size() - 3)).map(e -> e.getKey() + " " + e.getValue()).toList();
            assertThat(stack.cli("stats", resolution.label(), "--last", "3").lines().toList()).isEqualTo(lastThree);
        }
        assertThat(stack.cli("stats", "10ms").lines().count()).isEqualTo(20); // --last defaults to 20
    }

    @Test
    void badQueriesAreRefusedWithAJsonCode(TestStack stack) {
        Api api = Api.of(stack);
        assertRefused(api, "resolution=5s&last=3", "invalid_resolution");
        assertRefused(api, "last=3", "invalid_resolution");
        assertRefused(api, "resolution=1s&from=yesterday&to=2026-11-27T00:00:00Z", "invalid_instant");
        assertRefused(api, "resolution=1s&from=2026-11-27T00:00:10Z&to=2026-11-27T00:00:10Z", "invalid_range");
        assertRefused(api, "resolution=1s&from=2026-11-27T00:00:00Z", "invalid_range");
        assertRefused(api, "resolution=10ms&from=2026-11-27T00:00:00Z&to=2026-11-27T00:01:40.001Z", "range_too_large");
        assertRefused(api, "resolution=1m&last=0", "invalid_last");
        assertRefused(api, "resolution=1m&last=3&from=2026-11-27T00:00:00Z", "invalid_range");
        assertThat(api.get("/v1/stats/ingest?resolution=10ms&from=2026-11-27T00:00:00Z&to=2026-11-27T00:01:40Z").status()).isEqualTo(200);
    }

    private static void assertRefused(Api api, String query, String code) {
        Api.Reply reply = api.get("/v1/stats/ingest?" + query);
        assertThat(reply.status()).as(query).isEqualTo(400);
        assertThat(reply.body().path("code").asText()).as(query).isEqualTo(code);
    }

    private static Map<Instant, Long> buckets(JsonNode body) {
        Map<Instant, Long> buckets = new TreeMap<>();
        Instant previous = Instant.MIN;
        for (JsonNode bucket : body.path("buckets")) {
            Instant start = Instant.parse(bucket.path("start").asText());
            assertThat(start).isAfter(previous); // in time order
            previous = start;
            buckets.put(start, bucket.path("count").asLong());
        }
        return buckets;
    }

    private static Map<Instant, Long> countPerWindow(List<Instant> log, IngestResolution resolution, Instant from, Instant to) {
        return log.stream().filter(at -> !at.isBefore(from) && at.isBefore(to))
                .collect(Collectors.groupingBy(resolution::windowStart, TreeMap::new, Collectors.counting()));
    }

    /** The instant every post in the posts topic was accepted at, read from the beginning to the end of the log. */
    private static List<Instant> acceptedInstantsInTheLog(TestStack stack) {
        return EventLog.posts(stack).stream().map(dev.tierfeed.core.Post::createdAt).toList();
    }
}

package dev.tierfeed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tierfeed.stack.TierfeedVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Post-to-feed latency for a watching follower, end to end through the HTTP API of a running
 * stack: from sending {@code POST /v1/posts} to the post's first appearance in the follower's
 * {@code GET /v1/users/{id}/feed} (polled every few milliseconds, which also keeps the follower
 * watching). Posts go one at a time, cycling through the three tiers, from authors with a
 * number of other followers, so each post is a real fan-out. Prints p50, p90, p99 and max.
 *
 * The first {@code --warmup} posts (default 5) are measured but reported apart: they include the
 * JIT warming up and the first Kafka consumers and Cassandra connections of a fresh job.
 *
 * <pre>bin/tierfeed bench latency [--posts N] [--warmup N] [--followers N] [--api http://127.0.0.1:8080]</pre>
 */
@Command(name = "bin/tierfeed bench latency", mixinStandardHelpOptions = true, versionProvider = TierfeedVersion.class,
        description = "Post-to-feed latency for a watching follower, through the HTTP API of a running stack: p50, p90, p99, max.")
public final class FeedLatencyBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration GIVE_UP = Duration.ofSeconds(30);
    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();
    private static final String[] TIERS = {"PREMIUM", "STANDARD", "FREE"};

    @Option(names = "--posts", paramLabel = "N", defaultValue = "150", description = "posts measured (default: ${DEFAULT-VALUE})")
    private int posts;
    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5",
            description = "posts sent first and reported apart (default: ${DEFAULT-VALUE})")
    private int warmup;
    @Option(names = "--followers", paramLabel = "N", defaultValue = "50",
            description = "other followers of each author (default: ${DEFAULT-VALUE})")
    private int followers;
    @Option(names = "--api", paramLabel = "URL", defaultValue = "http://127.0.0.1:${env:TIERFEED_API_PORT:-8080}",
            description = "the running stack's API (default: ${DEFAULT-VALUE})")
    private String api;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FeedLatencyBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String viewer = createUser("FREE");
        List<String> authors = new ArrayList<>();
        for (String tier : TIERS) {
            String author = createUser(tier);
            authors.add(author);
            send("PUT", "/v1/users/" + viewer + "/following/" + author, null);
            for (int i = 0; i < followers; i++) {
                send("PUT", "/v1/users/" + createUser("FREE") + "/following/" + author, null);
            }
        }
        System.out.printf(Locale.ROOT, "%d posts (after %d warm-up posts), one at a time, tiers in turn; each author has %d other followers%n",
                posts, warmup, followers);
        feedIds(viewer); // the viewer is watching from now on
        List<Double> millis = new ArrayList<>();
        List<Double> warmupMillis = new ArrayList<>();
        for (int i = 0; i < warmup + posts; i++) {
            String author = authors.get(i % authors.size());
            long start = System.nanoTime();
            JsonNode post = send("POST", "/v1/posts", JSON.createObjectNode().put("authorId", author).put("text", "bench " + i));
            String id = post.path("id").asText();
            while (!feedIds(viewer).contains(id)) {
                if (System.nanoTime() - start > GIVE_UP.toNanos()) {
                    throw new IllegalStateException("post " + id + " did not reach the feed within " + GIVE_UP);
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
            (i < warmup ? warmupMillis : millis).add((System.nanoTime() - start) / 1e6);
            send("POST", "/v1/users/" + viewer + "/feed/seen", JSON.createObjectNode().set("postIds", JSON.createArrayNode().add(id)));
        }
        System.out.printf(Locale.ROOT, "warm-up posts (ms): %s%n", warmupMillis.stream().map(m -> String.format(Locale.ROOT, "%.0f", m)).toList());
        Collections.sort(millis);
        System.out.printf(Locale.ROOT, "post-to-feed latency (ms): p50 %.0f  p90 %.0f  p99 %.0f  max %.0f  (n=%d)%n",
                percentile(millis, 50), percentile(millis, 90), percentile(millis, 99), millis.get(millis.size() - 1), millis.size());
        return 0;
    }

    private static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private List<String> feedIds(String viewer) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        send("GET", "/v1/users/" + viewer + "/feed?limit=10", null).path("items").forEach(item -> ids.add(item.path("post").path("id").asText()));
        return ids;
    }

    private String createUser(String tier) throws IOException, InterruptedException {
        String handle = "b" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        return send("POST", "/v1/users", JSON.createObjectNode().put("handle", handle).put("tier", tier)).path("id").asText();
    }

    private JsonNode send(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(15));
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}

package dev.tierfeed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tierfeed.core.IngestResolution;
import dev.tierfeed.stack.TierfeedVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * How soon the ingest statistics show a post: posts go one at a time; after each, {@code GET
 * /v1/stats/ingest?resolution=10ms&last=1} is polled until the newest counted 10 ms window is the
 * post's own (or later), timed from the instant the service accepted the post. First at the idle
 * stack (the baseline), then, with {@code --load N}, while wrk posts N posts a second from other
 * authors, when the newest window shows how far the counts have got.
 *
 * <pre>bin/tierfeed bench stats [--posts 50] [--load 3000]</pre>
 */
@Command(name = "bin/tierfeed bench stats", mixinStandardHelpOptions = true, versionProvider = TierfeedVersion.class,
        description = "Post-to-count latency of the ingest statistics, at the idle stack and under an ingest load: p50, p90, max.")
public final class StatsLatencyBench implements Callable<Integer> {
    private static final Duration GIVE_UP = Duration.ofSeconds(60);
    private static final Duration BETWEEN_POSTS = Duration.ofMillis(200);

    @Mixin
    private StackTarget stack;
    @Option(names = "--posts", paramLabel = "N", defaultValue = "50", description = "posts measured in each phase (default: ${DEFAULT-VALUE})")
    private int posts;
    @Option(names = "--load", paramLabel = "N", defaultValue = "0",
            description = "posts a second that wrk sends from 300 other authors during a second phase; 0: only the idle phase (default: ${DEFAULT-VALUE})")
    private int load;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StatsLatencyBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchApi api = stack.client();
        String author = api.createUsers(1, "FREE").get(0);
        measure(api, author); // warms the path: the first posts of a fresh job are slow
        System.out.println("idle stack:            " + summary(measure(api, author)));
        if (load > 0) {
            List<String> others = api.createUsers(300, "FREE");
            Duration loadFor = Duration.ofSeconds(Math.max(30, posts / 2 + 20));
            CompletableFuture<Wrk.Rated> wrk = CompletableFuture.supplyAsync(() -> {
                try {
                    return Wrk.runAtRate(stack.api + "/v1/posts", 64, loadFor, IngestBench.postScript(api, others), load);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            LockSupport.parkNanos(Duration.ofSeconds(5).toNanos()); // the load under way
            Percentiles loaded = measure(api, author);
            Wrk.Rated rated = wrk.join();
            System.out.printf(Locale.ROOT, "under %,d posts/s:     %s (wrk answered %,.0f posts/s)%n", load, summary(loaded),
                    rated.scheduled().requestsPerSecond());
        }
        return 0;
    }

    /** Milliseconds from each post's acceptance to its window being the newest counted one. */
    private Percentiles measure(BenchApi api, String author) {
        Percentiles millis = new Percentiles();
        for (int i = 0; i < posts; i++) {
            JsonNode accepted = api.accept(author, "counted " + i).join();
            Instant at = Instant.parse(accepted.path("createdAt").asText());
            Instant window = IngestResolution.TEN_MILLIS.windowStart(at);
            while (newestCountedWindow(api).isBefore(window)) {
                if (Duration.between(at, Instant.now()).compareTo(GIVE_UP) > 0) {
                    throw new IllegalStateException("the count of the post accepted at " + at + " did not show within " + GIVE_UP);
                }
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
            millis.add(Duration.between(at, Instant.now()).toNanos() / 1e6);
            LockSupport.parkNanos(BETWEEN_POSTS.toNanos());
        }
        return millis;
    }

    private static Instant newestCountedWindow(BenchApi api) {
        JsonNode buckets = api.get("/v1/stats/ingest?resolution=10ms&last=1").path("buckets");
        return buckets.isEmpty() ? Instant.EPOCH : Instant.parse(buckets.get(0).path("start").asText());
    }

    private static String summary(Percentiles millis) {
        return String.format(Locale.ROOT, "post-to-count p50 %.0f ms, p90 %.0f ms, max %.0f ms (n=%d)",
                millis.at(50), millis.at(90), millis.at(100), millis.count());
    }
}

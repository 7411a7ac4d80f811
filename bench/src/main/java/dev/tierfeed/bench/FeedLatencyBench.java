package dev.tierfeed.bench;

import dev.tierfeed.stack.TierfeedVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

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
    private static final Duration GIVE_UP = Duration.ofSeconds(30);
    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

    @Mixin
    private OnePostAtATime run;
    @Mixin
    private StackTarget stack;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FeedLatencyBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchApi client = stack.client();
        String viewer = client.createUsers(1, "FREE").get(0);
        List<String> authors = run.authorsOf(client, viewer);
        System.out.printf(Locale.ROOT, "%d posts (after %d warm-up posts), one at a time, tiers in turn; each author has %d other followers%n",
                run.posts, run.warmup, run.followers);
        client.feedIds(viewer, 10); // the viewer is watching from now on
        List<Double> millis = new ArrayList<>();
        List<Double> warmupMillis = new ArrayList<>();
        for (int i = 0; i < run.warmup + run.posts; i++) {
            String author = authors.get(i % authors.size());
            long start = System.nanoTime();
            String id = client.post(author, "bench " + i).join();
            while (!client.feedIds(viewer, 10).contains(id)) {
                if (System.nanoTime() - start > GIVE_UP.toNanos()) {
                    throw new IllegalStateException("post " + id + " did not reach the feed within " + GIVE_UP);
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
            (i < run.warmup ? warmupMillis : millis).add((System.nanoTime() - start) / 1e6);
            client.seen(viewer, id);
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
}

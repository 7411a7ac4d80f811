package dev.tierfeed.bench;

import dev.tierfeed.stack.TierfeedVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/**
 * Post-to-event latency of the live feed, through the HTTP API of a running stack: a viewer
 * connected only by {@code GET /v1/users/{id}/feed/stream} follows one author per tier, each with
 * other followers; posts go one at a time, tiers in turn, and each is timed from sending
 * {@code POST /v1/posts} to its event arriving on the stream. The baseline, in the same run, is the
 * post's own round trip (until the service answers 202, Kafka having acknowledged it): the floor
 * under any delivery.
 *
 * <pre>bin/tierfeed bench stream [--posts N] [--warmup N] [--followers N] [--api http://127.0.0.1:8080]</pre>
 */
@Command(name = "bin/tierfeed bench stream", mixinStandardHelpOptions = true, versionProvider = TierfeedVersion.class,
        description = "Post-to-event latency of the live feed (Server-Sent Events), through the HTTP API of a running stack.")
public final class StreamLatencyBench implements Callable<Integer> {
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    @Mixin
    private OnePostAtATime run;
    @Mixin
    private StackTarget stack;

    /** When each post's event arrived (nanoTime), by post id. */
    private final Map<String, Long> arrived = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new StreamLatencyBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchApi client = stack.client();
        String viewer = client.createUsers(1, "FREE").get(0);
        List<String> authors = run.authorsOf(client, viewer);
        HttpRequest request = HttpRequest.newBuilder(URI.create(client.base() + "/v1/users/" + viewer + "/feed/stream"))
                .header("Authorization", "Bearer " + client.token(viewer)).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        if (stream.statusCode() != 200) {
            throw new IllegalStateException("the stream answered " + stream.statusCode());
        }
        Iterator<String> lines = stream.body().iterator();
        lines.next(); // the registration comment: the stream is open
        Thread reader = new Thread(() -> read(lines), "stream-reader");
        reader.setDaemon(true);
        reader.start();
        System.out.printf(Locale.ROOT, "%d posts (after %d warm-up posts), one at a time, tiers in turn, to a viewer connected only by the stream; "
                + "each author has %d other followers%n", run.posts, run.warmup, run.followers);

        Percentiles acknowledged = new Percentiles();
        Percentiles delivered = new Percentiles();
        for (int i = 0; i < run.warmup + run.posts; i++) {
            long start = System.nanoTime();
            String id = client.post(authors.get(i % authors.size()), "stream bench " + i).join();
            long ackNanos = System.nanoTime();
            CountDownLatch latch = waiting.computeIfAbsent(id, k -> new CountDownLatch(1));
            if (!latch.await(GIVE_UP.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("post " + id + " did not reach the stream within " + GIVE_UP);
            }
            if (i >= run.warmup) {
                acknowledged.add((ackNanos - start) / 1e6);
                delivered.add((arrived.get(id) - start) / 1e6);
            }
        }
        stream.body().close();
        print("baseline: POST /v1/posts until 202", acknowledged);
        print("post-to-event on the stream", delivered);
        return 0;
    }

    private void read(Iterator<String> lines) {
        try {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("id:")) {
                    String id = line.substring(3).trim();
                    arrived.putIfAbsent(id, System.nanoTime());
                    waiting.computeIfAbsent(id, k -> new CountDownLatch(1)).countDown();
                }
            }
        } catch (RuntimeException e) {
            // closed at the end of the run
        }
    }

    private static void print(String what, Percentiles millis) {
        System.out.printf(Locale.ROOT, "%-38s p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms  (n=%d)%n", what + ":",
                millis.at(50), millis.at(90), millis.at(99), millis.at(100), millis.count());
    }
}

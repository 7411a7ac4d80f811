package dev.tierfeed.bench;

import dev.tierfeed.stack.TierfeedVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The fan-out under load, against a running stack. A world of authors (half premium, half
 * standard, so every follower gets a row) with a fixed number of followers each; then
 * <ol>
 *   <li>sustained: posts at a steady rate for a while, with feed reads alongside and a probe post
 *       every quarter second whose arrival in a follower's feed is timed (post to feed, p50/p99);
 *       the speed-view rows written per second, the largest backlog, the cost to every part;</li>
 *   <li>the same number of rows written straight to Cassandra, in the same run (the baseline);</li>
 *   <li>a burst: posts at full speed with wrk for some seconds, then the time the backlog takes
 *       to drain and the rate it drains at, and whether every post was processed once and every
 *       row written once (from the streaming job's own counts).</li>
 * </ol>
 *
 * <pre>bin/tierfeed bench fanout [--authors 100] [--followers 40] [--rate 500] [--duration 60] [--burst 15]</pre>
 */
@Command(name = "bin/tierfeed bench fanout", mixinStandardHelpOptions = true, versionProvider = TierfeedVersion.class,
        description = "Sustained speed-view rows/s and post-to-feed latency, a raw-Cassandra baseline, and the drain after a burst.")
public final class FanOutBench implements Callable<Integer> {
    private static final Duration PROBE_EVERY = Duration.ofMillis(250);

    @Mixin
    private StackTarget stack;
    @Option(names = "--authors", defaultValue = "100", description = "authors posting (default: ${DEFAULT-VALUE})")
    private int authors;
    @Option(names = "--followers", defaultValue = "40", description = "followers of each author (default: ${DEFAULT-VALUE})")
    private int followers;
    @Option(names = "--viewers", defaultValue = "1000", description = "users the followers are drawn from (default: ${DEFAULT-VALUE})")
    private int viewers;
    @Option(names = "--rate", defaultValue = "500", description = "posts per second in the sustained phase (default: ${DEFAULT-VALUE})")
    private int rate;
    @Option(names = "--duration", defaultValue = "60", description = "seconds of the sustained phase (default: ${DEFAULT-VALUE})")
    private int seconds;
    @Option(names = "--warmup", defaultValue = "20", description = "seconds of posting at the rate first, not measured (default: ${DEFAULT-VALUE})")
    private int warmupSeconds;
    @Option(names = "--reads", defaultValue = "50", description = "feed pages per second read alongside (default: ${DEFAULT-VALUE})")
    private int reads;
    @Option(names = "--burst", defaultValue = "15", description = "seconds of posting at full speed (default: ${DEFAULT-VALUE}; 0: none)")
    private int burstSeconds;
    @Option(names = "--connections", defaultValue = "64", description = "connections of the burst (default: ${DEFAULT-VALUE})")
    private int connections;
    @Option(names = "--celebrity", defaultValue = "0",
            description = "then one author with this many followers posts (0: not; the README's figure is 100000)")
    private int celebrityFollowers;
    @Option(names = "--cassandra", defaultValue = "127.0.0.1:${env:TIERFEED_CASSANDRA_PORT:-9042}",
            description = "Cassandra, for the baseline (default: ${DEFAULT-VALUE})")
    private String cassandra;
    @Option(names = "--keyspace", defaultValue = "${env:TIERFEED_KEYSPACE:-tierfeed}", description = "its keyspace (default: ${DEFAULT-VALUE})")
    private String keyspace;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FanOutBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchApi api = stack.client();
        if (celebrityFollowers > 0) {
            celebrity(api);
            return 0;
        }
        List<String> pool = api.createUsers(viewers, "FREE");
        List<String> writers = new ArrayList<>(api.createUsers(authors / 2, "PREMIUM"));
        writers.addAll(api.createUsers(authors - authors / 2, "STANDARD"));
        writers.forEach(author -> api.follow(sample(pool, followers), author));
        String probeAuthor = api.createUsers(1, "PREMIUM").get(0);
        String probeViewer = api.createUsers(1, "FREE").get(0);
        List<String> probeFollowers = new ArrayList<>(sample(pool, followers - 1));
        probeFollowers.add(probeViewer);
        api.follow(probeFollowers, probeAuthor);
        stack.awaitFanOut(Duration.ofMinutes(10));
        System.out.printf(Locale.ROOT, "%d authors with %d followers each (drawn from %d users): every post is %d speed-view rows%n",
                writers.size(), followers, viewers, followers);

        warmUp(api, writers);
        sustained(api, writers, pool, probeAuthor, probeViewer);
        if (burstSeconds > 0) {
            burst(api, writers);
        }
        return 0;
    }

    private void sustained(BenchApi api, List<String> writers, List<String> pool, String probeAuthor, String probeViewer) throws Exception {
        double rowsBefore = rowsWritten();
        AtomicLong posted = new AtomicLong();
        java.util.Queue<java.util.concurrent.CompletableFuture<String>> inFlight = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Percentiles postToFeed = new Percentiles();
        // a long run (a soak) must hold throughout, not on average: latency, backlog and memory by quarter
        List<Percentiles> byQuarter = List.of(new Percentiles(), new Percentiles(), new Percentiles(), new Percentiles());
        long[] maxLagByQuarter = new long[4];
        String[] memoryByQuarter = new String[4];
        long maxLag = 0;
        ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
        String cost;
        long started = System.nanoTime();
        try (StackUsage usage = StackUsage.start(stack.home())) {
            postAtRate(load, api, writers, "a post of the fan-out benchmark", posted, inFlight);
            if (reads > 0) {
                load.scheduleAtFixedRate(() -> api.feedIds(pool.get(ThreadLocalRandom.current().nextInt(pool.size())), 20),
                        0, 1_000_000 / reads, TimeUnit.MICROSECONDS);
            }
            // probes: one every quarter second; one poller reads the probe viewer's feed and times each arrival
            java.util.Map<String, Long> outstanding = new java.util.concurrent.ConcurrentHashMap<>();
            load.scheduleAtFixedRate(() -> {
                long sent = System.nanoTime();
                api.post(probeAuthor, "probe").thenAccept(probe -> outstanding.put(probe, sent));
            }, 0, PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            long deadline = started + Duration.ofSeconds(seconds).toNanos();
            long nextLagSample = System.nanoTime();
            while (System.nanoTime() < deadline || !outstanding.isEmpty() && System.nanoTime() < deadline + Duration.ofMinutes(5).toNanos()) {
                if (System.nanoTime() >= deadline) {
                    load.shutdownNow();
                }
                List<String> arrived = api.feedIds(probeViewer, 50).stream().filter(outstanding::containsKey).toList();
                long now = System.nanoTime();
                int quarter = (int) Math.min(3, (now - started) * 4 / Duration.ofSeconds(seconds).toNanos());
                for (String probe : arrived) {
                    double millis = (now - outstanding.remove(probe)) / 1e6;
                    postToFeed.add(millis);
                    byQuarter.get(quarter).add(millis);
                    api.seen(probeViewer, probe);
                }
                if (now >= nextLagSample) {
                    long lag = (long) Scrape.value(stack.admin, "tierfeed_streaming_lag_records");
                    maxLag = Math.max(maxLag, lag);
                    maxLagByQuarter[quarter] = Math.max(maxLagByQuarter[quarter], lag);
                    memoryByQuarter[quarter] = usage.residentNow();
                    nextLagSample = now + Duration.ofSeconds(1).toNanos();
                }
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
            load.shutdownNow();
            load.awaitTermination(1, TimeUnit.MINUTES);
            inFlight.forEach(java.util.concurrent.CompletableFuture::join); // every post answered before counting
            cost = usage.report();
        }
        double elapsed = Math.min(seconds, (System.nanoTime() - started) / 1e9);
        Duration drain = stack.awaitFanOut(Duration.ofMinutes(30));
        double rows = rowsWritten() - rowsBefore;
        System.out.printf(Locale.ROOT, "sustained: %,d posts in %.0f s (%.0f posts/s offered) with %d feed pages/s alongside%n",
                posted.get(), elapsed, posted.get() / elapsed, reads);
        System.out.printf(Locale.ROOT, "  speed-view rows written: %,.0f (%,.0f rows/s); largest backlog %,d posts; caught up %.1f s after the load stopped%n",
                rows, rows / elapsed, maxLag, drain.toMillis() / 1000.0);
        System.out.println("  post to feed (a premium post every 250 ms, to a follower reading every 5 ms): " + postToFeed.summary());
        for (int quarter = 0; quarter < 4; quarter++) {
            System.out.printf(Locale.ROOT, "  quarter %d: post to feed %s; largest backlog %,d posts; resident memory at its end: %s%n",
                    quarter + 1, byQuarter.get(quarter).summary(), maxLagByQuarter[quarter], memoryByQuarter[quarter]);
        }
        System.out.print(cost.replace("cost of the run:", "  cost of the sustained phase:"));
        String[] hostPort = cassandra.split(":");
        // at most a minute's worth of the same rows: a soak's baseline would otherwise take as long as the soak
        long baselineRows = Math.max(50_000, (long) (rows / elapsed * Math.min(elapsed, 60)));
        double raw = RawWrites.rowsPerSecond(hostPort[0], Integer.parseInt(hostPort[1]), keyspace, baselineRows);
        System.out.printf(Locale.ROOT, "baseline: %,d of the same rows written straight to Cassandra: %,.0f rows/s (sustained / baseline: %.2f)%n",
                baselineRows, raw, rows / elapsed / raw);
    }

    /**
     * One author with very many followers posts: how soon a follower sees it, what the fan-out
     * writes for it and how long that takes, and how fast the followers' feeds read. Whether the
     * author is pulled (the hybrid fan-out) or pushed depends on the stack's TIERFEED_HYBRID_THRESHOLD.
     */
    private void celebrity(BenchApi api) throws Exception {
        long setupStarted = System.nanoTime();
        String star = api.createUsers(1, "PREMIUM").get(0);
        List<String> fans = api.createUsers(celebrityFollowers, "FREE");
        api.follow(fans, star);
        stack.awaitFanOut(Duration.ofMinutes(10));
        System.out.printf(Locale.ROOT, "an author with %,d followers (set up in %.0f s)%n", fans.size(), (System.nanoTime() - setupStarted) / 1e9);
        String fan = fans.get(fans.size() / 2);
        api.feedIds(fan, 5);
        double rowsBefore = rowsWritten();
        double pulledBefore = stack.servicesTotal("tierfeed_feed_pulled_posts_total");
        long sent = System.nanoTime();
        String post = api.post(star, "to all of you").join();
        while (!api.feedIds(fan, 5).contains(post)) {
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        double visible = (System.nanoTime() - sent) / 1e6;
        stack.awaitFanOut(Duration.ofMinutes(30));
        double done = (System.nanoTime() - sent) / 1e9;
        double rows = rowsWritten() - rowsBefore;
        // what the fan-out did says how the author was served: the stack's threshold decided it when the followers came
        String how = rows >= fans.size() ? "pushed to every follower" : "pulled at read time (hybrid fan-out)";
        System.out.printf(Locale.ROOT, "  %s: a follower saw the post %.0f ms after it was sent; the fan-out had caught up %.1f s after it"
                + " (the lag is reported every 2 s), writing %,.0f speed-view rows%n", how, visible, done, rows);
        Wrk.Result reads = Wrk.run(stack.api + "/v1/users", 64, Duration.ofSeconds(20), """
                local viewers = %s
                math.randomseed(os.time())
                request = function()
                  local viewer = viewers[math.random(#viewers)]
                  return wrk.format("GET", "/v1/users/" .. viewer[1] .. "/feed?limit=20", {["Authorization"] = "Bearer " .. viewer[2]})
                end
                """.formatted(api.luaUsers(fans.subList(0, Math.min(1000, fans.size())))));
        System.out.println("  its followers' feeds, 64 connections: " + reads.summary());
        System.out.printf(Locale.ROOT, "  posts pulled into pages meanwhile: %,.0f%n",
                stack.servicesTotal("tierfeed_feed_pulled_posts_total") - pulledBefore);
    }

    /**
     * Posts at {@link #rate} per second on {@code load}, every 10 ms as many as are owed by then (so any rate is kept, not
     * only multiples of 100), counting them in {@code posted} and keeping their answers in {@code inFlight}.
     */
    private void postAtRate(ScheduledExecutorService load, BenchApi api, List<String> writers, String text, AtomicLong posted,
            java.util.Queue<java.util.concurrent.CompletableFuture<String>> inFlight) {
        double perTick = rate / 100.0;
        AtomicLong ticks = new AtomicLong();
        load.scheduleAtFixedRate(() -> {
            long due = (long) (ticks.incrementAndGet() * perTick) - posted.get();
            for (long i = 0; i < due; i++) {
                posted.incrementAndGet();
                inFlight.add(api.post(writers.get(ThreadLocalRandom.current().nextInt(writers.size())), text));
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
    }

    /** The same posting, unmeasured: a freshly started job runs its first batches cold, which is not what it sustains. */
    private void warmUp(BenchApi api, List<String> writers) throws InterruptedException {
        java.util.Queue<java.util.concurrent.CompletableFuture<String>> sent = new java.util.concurrent.ConcurrentLinkedQueue<>();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        postAtRate(load, api, writers, "warm-up", new AtomicLong(), sent);
        load.schedule(load::shutdown, warmupSeconds, TimeUnit.SECONDS); // shutting down stops the posting
        load.awaitTermination(warmupSeconds + 60L, TimeUnit.SECONDS);
        sent.forEach(java.util.concurrent.CompletableFuture::join);
        stack.awaitFanOut(Duration.ofMinutes(10));
    }

    private void burst(BenchApi api, List<String> writers) throws Exception {
        double rowsBefore = rowsWritten();
        double postsBefore = Scrape.value(stack.admin, "tierfeed_streaming_posts_processed");
        double acceptedBefore = accepted();
        long started = System.nanoTime();
        Wrk.Result burst;
        String cost;
        Duration drain;
        try (StackUsage usage = StackUsage.start(stack.home())) {
            burst = Wrk.run(stack.api + "/v1/posts", connections, Duration.ofSeconds(burstSeconds), postScript(api, writers));
            drain = stack.awaitFanOut(Duration.ofMinutes(30));
            cost = usage.report();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        double rows = rowsWritten() - rowsBefore;
        double posts = Scrape.value(stack.admin, "tierfeed_streaming_posts_processed") - postsBefore;
        // the service's own count: wrk does not count the requests still in flight when it stops
        long accepted = (long) (accepted() - acceptedBefore);
        System.out.printf(Locale.ROOT, "burst: %d s at full speed, %d connections: %s%n", burstSeconds, connections, burst.summary());
        System.out.printf(Locale.ROOT, "  the backlog drained %.1f s after the burst; %,.0f rows in %.1f s from its start: %,.0f rows/s%n",
                drain.toMillis() / 1000.0, rows, elapsed, rows / elapsed);
        System.out.printf(Locale.ROOT, "  accepted %,d posts; the fan-out processed %,.0f posts and wrote %,.0f rows (%,d expected): %s%n",
                accepted, posts, rows, accepted * followers,
                posts == accepted && rows == (double) accepted * followers ? "nothing lost, nothing doubled" : "MISMATCH");
        System.out.print(cost.replace("cost of the run:", "  cost of the burst and the drain:"));
    }

    /** Posts the services (every replica in cluster mode) have answered, less those they refused or failed. */
    private double accepted() {
        return stack.servicesTotal("tierfeed_http_post_v1_posts_requests_count")
                - stack.servicesTotal("tierfeed_http_post_v1_posts_refused_total")
                - stack.servicesTotal("tierfeed_http_post_v1_posts_failed_total");
    }

    private double rowsWritten() {
        stack.awaitFanOut(Duration.ofMinutes(30));
        // the streaming job reports every 2 s: wait for a report that includes everything processed
        LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
        return Scrape.value(stack.admin, "tierfeed_streaming_rows_written");
    }

    private static List<String> sample(List<String> pool, int count) {
        List<String> shuffled = new ArrayList<>(pool);
        java.util.Collections.shuffle(shuffled);
        return shuffled.subList(0, Math.min(count, shuffled.size()));
    }

    private static String postScript(BenchApi api, List<String> authors) {
        return """
                local authors = %s
                math.randomseed(os.time())
                request = function()
                  local author = authors[math.random(#authors)]
                  local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. author[2]}
                  return wrk.format("POST", nil, headers, '{"authorId":"' .. author[1] .. '","text":"a post of the fan-out benchmark"}')
                end
                """.formatted(api.luaUsers(authors));
    }
}

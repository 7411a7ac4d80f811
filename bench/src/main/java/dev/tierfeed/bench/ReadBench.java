package dev.tierfeed.bench;

import dev.tierfeed.core.SeenRange;
import dev.tierfeed.stack.TierfeedVersion;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * How many feed pages the whole stack serves per second: viewers with more than a thousand
 * pending posts each (every viewer follows a few premium authors who have posted that many), then
 * {@code GET /v1/users/{id}/feed?limit=20} for random viewers with wrk at 64 connections. Prints
 * pages/s, p50/p90/p99, errors, the same load against the admin {@code /ping} in the same run, and
 * the cost to every part. With {@code --caught-up}, every viewer has seen every one of those posts
 * first: their reads then skip their runs of seen rows (serving's {@code FeedReader}), and the run
 * shows what a read costs a viewer who keeps up.
 *
 * <pre>bin/tierfeed bench read [--viewers 100] [--authors 10] [--pending 1100] [--caught-up] [--connections 64] [--duration 30]</pre>
 */
@Command(name = "bin/tierfeed bench read", mixinStandardHelpOptions = true, versionProvider = TierfeedVersion.class,
        description = "Feed pages per second, p50/p99 and errors at 64 connections with 1,000+ pending posts per viewer.")
public final class ReadBench implements Callable<Integer> {
    /**
     * How long a seen row waits before a run may hold it: the service's Kafka send timeout (its
     * setting's default) and core's clock-skew allowance, which serving subtracts from the fan-out's
     * log_read_at, and Spark's no-data progress interval, at which log_read_at moves at the latest.
     */
    private static final Duration PAST_THE_HORIZON = Duration.parse(System.getenv().getOrDefault("TIERFEED_KAFKA_SEND_TIMEOUT", "PT10S"))
            .plus(SeenRange.CLOCK_SKEW_ALLOWANCE).plus(Duration.ofSeconds(10));
    @Mixin
    private StackTarget stack;
    @Option(names = "--viewers", defaultValue = "100", description = "viewers whose feeds are read (default: ${DEFAULT-VALUE})")
    private int viewers;
    @Option(names = "--authors", defaultValue = "10", description = "premium authors every viewer follows (default: ${DEFAULT-VALUE})")
    private int authors;
    @Option(names = "--pending", defaultValue = "1100", description = "posts pending in every viewer's feed (default: ${DEFAULT-VALUE})")
    private int pending;
    @Option(names = "--limit", defaultValue = "20", description = "page size (default: ${DEFAULT-VALUE})")
    private int limit;
    @Option(names = "--caught-up", description = "every viewer has seen every post before the reads (default: all pending)")
    private boolean caughtUp;
    @Mixin
    private LoadRun run;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReadBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchApi api = stack.client();
        List<String> readers = api.createUsers(viewers, "FREE");
        List<String> writers = api.createUsers(authors, "PREMIUM");
        writers.forEach(author -> api.follow(readers, author));
        List<String> posted = api.posts(writers, pending);
        Duration fanOut = stack.awaitFanOut(Duration.ofMinutes(30));
        if (caughtUp) {
            catchUp(api, readers, posted);
        }
        int pages = api.feedIds(readers.get(0), limit).size();
        if (pages != (caughtUp ? 0 : limit)) {
            throw new IllegalStateException("a viewer's first page has " + pages + " posts, not " + (caughtUp ? 0 : limit));
        }
        System.out.printf(Locale.ROOT, "%d viewers with %d %s posts each (%d premium authors; fanned out in %.1f s); pages of %d, "
                + "%s, %d s warm-up then %d s measured%n", viewers, pending, caughtUp ? "seen" : "pending", authors, fanOut.toMillis() / 1000.0,
                limit, run.describe(), run.warmupSeconds, run.seconds);
        String script = readScript(api, readers, limit);
        run.warmUp(stack.api + "/v1/users", script);

        LoadRun.Measured reads = run.measure(stack, stack.api + "/v1/users", script);
        System.out.println("baseline GET /ping (admin):        " + reads.ping().summary());
        System.out.println("GET /v1/users/{id}/feed?limit=" + limit + ": " + reads.summary());
        System.out.printf(Locale.ROOT, "ratio to the baseline: %.2f%n", reads.load().requestsPerSecond() / reads.ping().requestsPerSecond());
        System.out.print(reads.cost());
        return 0;
    }

    /**
     * Every viewer marks every post seen; the bench keeps posting (as live traffic would, so the
     * fan-out keeps reading the log to its end) until the rows are past the fan-out horizon, then
     * every viewer reads once, which stores their runs.
     */
    private void catchUp(BenchApi api, List<String> readers, List<String> posted) {
        readers.forEach(reader -> api.seen(reader, posted));
        String ticker = api.createUsers(1, "FREE").get(0);
        long until = System.nanoTime() + PAST_THE_HORIZON.toNanos();
        while (System.nanoTime() < until) {
            api.post(ticker, "tick").join();
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        readers.forEach(reader -> api.feedIds(reader, limit));
    }

    private static String readScript(BenchApi api, List<String> viewers, int limit) {
        return """
                local viewers = %s
                math.randomseed(os.time())
                request = function()
                  local viewer = viewers[math.random(#viewers)]
                  return wrk.format("GET", "/v1/users/" .. viewer[1] .. "/feed?limit=%d", {["Authorization"] = "Bearer " .. viewer[2]})
                end
                """.formatted(api.luaUsers(viewers), limit);
    }
}

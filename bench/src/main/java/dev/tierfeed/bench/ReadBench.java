package dev.tierfeed.bench;

import dev.tierfeed.stack.TierfeedVersion;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * How many feed pages the whole stack serves per second: viewers with more than a thousand
 * pending posts each (every viewer follows a few premium authors who have posted that many), then
 * {@code GET /v1/users/{id}/feed?limit=20} for random viewers with wrk at 64 connections. Prints
 * pages/s, p50/p90/p99, errors, the same load against the admin {@code /ping} in the same run, and
 * the cost to every part.
 *
 * <pre>bin/tierfeed bench read [--viewers 100] [--authors 10] [--pending 1100] [--connections 64] [--duration 30]</pre>
 */
@Command(name = "bin/tierfeed bench read", mixinStandardHelpOptions = true, versionProvider = TierfeedVersion.class,
        description = "Feed pages per second, p50/p99 and errors at 64 connections with 1,000+ pending posts per viewer.")
public final class ReadBench implements Callable<Integer> {
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
        api.posts(writers, pending);
        Duration fanOut = stack.awaitFanOut(Duration.ofMinutes(30));
        int pages = api.feedIds(readers.get(0), limit).size();
        if (pages != limit) {
            throw new IllegalStateException("a viewer's first page has " + pages + " posts, not " + limit);
        }
        System.out.printf(Locale.ROOT, "%d viewers with %d pending posts each (%d premium authors; fanned out in %.1f s); pages of %d, "
                + "%s, %d s warm-up then %d s measured%n", viewers, pending, authors, fanOut.toMillis() / 1000.0, limit,
                run.describe(), run.warmupSeconds, run.seconds);
        String script = readScript(api, readers, limit);
        run.warmUp(stack.api + "/v1/users", script);

        LoadRun.Measured reads = run.measure(stack, stack.api + "/v1/users", script);
        System.out.println("baseline GET /ping (admin):        " + reads.ping().summary());
        System.out.println("GET /v1/users/{id}/feed?limit=" + limit + ": " + reads.summary());
        System.out.printf(Locale.ROOT, "ratio to the baseline: %.2f%n", reads.load().requestsPerSecond() / reads.ping().requestsPerSecond());
        System.out.print(reads.cost());
        return 0;
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

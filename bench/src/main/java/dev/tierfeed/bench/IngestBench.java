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
 * How many posts the whole stack accepts per second: {@code POST /v1/posts} from many authors at
 * once with wrk (64 connections by default), each post acknowledged by Kafka before its 202, while
 * the streaming job persists and fans out what arrives. Prints accepted posts/s, p50/p90/p99,
 * errors, the same load against the admin {@code /ping} in the same run (the ceiling of the load
 * generator and HTTP layer on this machine), the fan-out backlog left, and the cost to every part.
 *
 * <pre>bin/tierfeed bench ingest [--authors 1000] [--followers 0] [--connections 64] [--duration 30]</pre>
 */
@Command(name = "bin/tierfeed bench ingest", mixinStandardHelpOptions = true, versionProvider = TierfeedVersion.class,
        description = "Accepted posts per second, p50/p99 and errors at 64 connections, against a running stack.")
public final class IngestBench implements Callable<Integer> {
    @Mixin
    private StackTarget stack;
    @Option(names = "--authors", defaultValue = "1000", description = "authors posting, a third of each tier (default: ${DEFAULT-VALUE})")
    private int authors;
    @Option(names = "--followers", defaultValue = "0", description = "followers of each author, so posts fan out too (default: ${DEFAULT-VALUE})")
    private int followers;
    @Mixin
    private LoadRun run;

    public static void main(String[] args) {
        System.exit(new CommandLine(new IngestBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchApi api = stack.client();
        List<String> ids = new java.util.ArrayList<>();
        for (String tier : List.of("PREMIUM", "STANDARD", "FREE")) {
            ids.addAll(api.createUsers(authors / 3, tier));
        }
        if (followers > 0) {
            List<String> fans = api.createUsers(followers, "FREE");
            ids.forEach(author -> api.follow(fans, author));
        }
        System.out.printf(Locale.ROOT, "%d authors (%d followers each), %s, %d s warm-up then %d s measured%n",
                ids.size(), followers, run.describe(), run.warmupSeconds, run.seconds);
        String script = postScript(api, ids);
        run.warmUp(stack.api + "/v1/posts", script);
        stack.awaitFanOut(Duration.ofMinutes(10));

        LoadRun.Measured posts = run.measure(stack, stack.api + "/v1/posts", script);
        double backlog = Scrape.value(stack.admin, "tierfeed_streaming_lag_records");
        System.out.println("baseline GET /ping (admin): " + posts.ping().summary());
        System.out.println("POST /v1/posts:             " + posts.summary());
        System.out.printf(Locale.ROOT, "ratio to the baseline: %.2f; fan-out backlog when the load stopped: %,.0f posts%n",
                posts.load().requestsPerSecond() / posts.ping().requestsPerSecond(), backlog);
        System.out.print(posts.cost());
        Duration drain = stack.awaitFanOut(Duration.ofMinutes(30));
        System.out.printf(Locale.ROOT, "the fan-out caught up %.1f s after the load stopped%n", drain.toMillis() / 1000.0);
        return 0;
    }

    static String postScript(BenchApi api, List<String> authors) {
        return """
                local authors = %s
                math.randomseed(os.time())
                request = function()
                  local author = authors[math.random(#authors)]
                  local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. author[2]}
                  return wrk.format("POST", nil, headers, '{"authorId":"' .. author[1] .. '","text":"a post of the ingest benchmark, of an ordinary length"}')
                end
                """.formatted(api.luaUsers(authors));
    }
}

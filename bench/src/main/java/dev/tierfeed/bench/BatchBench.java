package dev.tierfeed.bench;

import dev.tierfeed.stack.Stack;
import dev.tierfeed.stack.StackSettings;
import dev.tierfeed.stack.TierfeedVersion;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The nightly batch at several sizes, against the running stack's Cassandra: for each size a
 * keyspace of its own ({@code tierfeed_bench_<users>}) gets the schema and a synthetic world
 * ({@code SyntheticData}: skewed follows, one post per user, seen receipts, standard speed-view
 * rows), then {@code NightlyBatch} runs on it; each job's time and rows per second are collected.
 *
 * <pre>bin/tierfeed bench batch [--sizes 10000,40000,160000] [--follows-per-user 10]</pre>
 */
@Command(name = "bin/tierfeed bench batch", mixinStandardHelpOptions = true, versionProvider = TierfeedVersion.class,
        description = "The nightly batch on synthetic worlds of several sizes, against the running stack's Cassandra.")
public final class BatchBench implements Callable<Integer> {
    private static final String AS_OF = "2026-11-01T00:00:00Z";
    private static final Pattern TIMING = Pattern.compile("timing: (\\S+) ([0-9.]+) s, ([0-9]+) (.*) \\(([0-9]+) rows/s\\)");

    @Option(names = "--sizes", paramLabel = "USERS", split = ",", defaultValue = "10000,40000,160000",
            description = "the worlds' numbers of users, one keyspace each (default: ${DEFAULT-VALUE})")
    private List<Long> sizes;
    @Option(names = "--follows-per-user", paramLabel = "N", defaultValue = "10", description = "follows per user (default: ${DEFAULT-VALUE})")
    private int followsPerUser;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BatchBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path root = Path.of(System.getProperty("tierfeed.root", ".")).toAbsolutePath().normalize();
        Stack stack = new Stack(StackSettings.fromEnvironment(root, System.getenv()));
        List<String> table = new ArrayList<>();
        table.add(String.format(Locale.ROOT, "%-8s %-16s %8s %10s %12s  %s", "users", "job", "seconds", "rows", "rows/s", "rows are"));
        for (long users : sizes) {
            Map<String, String> keyspace = Map.of("TIERFEED_KEYSPACE", "tierfeed_bench_" + users);
            System.out.printf("== %d users: schema, synthetic data (%d follows per user) …%n", users, followsPerUser);
            stack.migrate(keyspace, quiet());
            String generated = run(stack, "dev.tierfeed.batch.synthetic.SyntheticData",
                    List.of("--users", Long.toString(users), "--follows-per-user", Integer.toString(followsPerUser), "--as-of", AS_OF), keyspace);
            System.out.print(lines(generated, "synthetic data:"));
            System.out.printf("== %d users: nightly batch as of %s …%n", users, AS_OF);
            String batch = run(stack, "dev.tierfeed.batch.NightlyBatch", List.of("--as-of", AS_OF), keyspace);
            System.out.print(lines(batch, "timing:"));
            Matcher timing = TIMING.matcher(batch);
            while (timing.find()) {
                table.add(String.format(Locale.ROOT, "%-8d %-16s %8s %10s %12s  %s", users, timing.group(1), timing.group(2),
                        timing.group(3), timing.group(5), timing.group(4)));
            }
        }
        System.out.println();
        table.forEach(System.out::println);
        return 0;
    }

    private static String run(Stack stack, String mainClass, List<String> args, Map<String, String> env) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = stack.runSparkJob(mainClass, args, env, out);
        }
        String text = output.toString(StandardCharsets.UTF_8);
        if (status != 0) {
            System.err.println(text);
            throw new IllegalStateException(mainClass + " exited with " + status);
        }
        return text;
    }

    private static String lines(String output, String prefix) {
        StringBuilder kept = new StringBuilder();
        output.lines().filter(line -> line.startsWith(prefix)).forEach(line -> kept.append("   ").append(line).append('\n'));
        return kept.toString();
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }
}

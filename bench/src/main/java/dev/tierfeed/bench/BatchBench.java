package dev.tierfeed.bench;

import dev.tierfeed.stack.Stack;
import dev.tierfeed.stack.StackSettings;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nightly batch at several sizes, against the running stack's Cassandra: for each size a
 * keyspace of its own ({@code tierfeed_bench_<users>}) gets the schema and a synthetic world
 * ({@code SyntheticData}: skewed follows, one post per user, seen receipts, standard speed-view
 * rows), then {@code NightlyBatch} runs on it; each job's time and rows per second are collected.
 *
 * <pre>bin/tierfeed bench batch [--sizes 10000,40000,160000] [--follows-per-user 10]</pre>
 */
public final class BatchBench {
    private static final String AS_OF = "2026-11-01T00:00:00Z";
    private static final Pattern TIMING = Pattern.compile("timing: (\\S+) ([0-9.]+) s, ([0-9]+) (.*) \\(([0-9]+) rows/s\\)");

    private BatchBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Long> sizes = List.of(10_000L, 40_000L, 160_000L);
        int followsPerUser = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sizes" -> sizes = java.util.Arrays.stream(args[i + 1].split(",")).map(Long::parseLong).toList();
                case "--follows-per-user" -> followsPerUser = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("usage: bin/tierfeed bench batch [--sizes 10000,40000,160000] [--follows-per-user 10]");
                    System.exit(2);
                }
            }
        }
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

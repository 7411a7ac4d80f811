package dev.tierfeed.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The command line behind {@code bin/tierfeed}: {@code up}, {@code down}, {@code status},
 * {@code logs PART}. Settings come from TIERFEED_* environment variables; the project root from
 * the {@code tierfeed.root} system property.
 */
public final class StackCli {
    private static final String USAGE = """
            usage: bin/tierfeed up | down | status | logs PART | batch [--as-of INSTANT]
              up          start every part (Cassandra, Kafka, schema, streaming, serving) and wait until healthy
              down        stop every part
              status      each part: up or down, pid, ports
              logs PART   the last lines of a part's log (cassandra, kafka, migrate, streaming, serving)
              batch       run the nightly batch on the running stack, as of INSTANT (ISO-8601; default now)
            """;

    private StackCli() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        Path root = Path.of(System.getProperty("tierfeed.root", ".")).toAbsolutePath().normalize();
        try {
            Stack stack = new Stack(StackSettings.fromEnvironment(root, System.getenv()));
            switch (args[0]) {
                case "up" -> {
                    stack.up(out);
                    printWhere(stack.settings(), out);
                }
                case "down" -> stack.down(out);
                case "batch" -> {
                    java.time.Instant asOf = args.length == 3 && args[1].equals("--as-of")
                            ? parseInstant(args[2]) : java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                    if (args.length != 1 && args.length != 3) {
                        throw new StackException("usage: bin/tierfeed batch [--as-of INSTANT]");
                    }
                    System.exit(stack.runBatch(asOf, out));
                }
                case "status" -> System.exit(printStatus(stack, out) ? 0 : 3);
                case "logs" -> {
                    if (args.length != 2) {
                        throw new StackException("logs needs a part: cassandra, kafka, migrate, streaming or serving");
                    }
                    Path log = stack.logOf(args[1]);
                    out.println("==> " + log + " <==");
                    out.println(PartProcess.tail(log, 200));
                }
                default -> {
                    System.err.print(USAGE);
                    System.exit(2);
                }
            }
        } catch (java.io.IOException e) {
            System.err.println("tierfeed: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(130);
        } catch (StackException e) {
            System.err.println("tierfeed: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    private static java.time.Instant parseInstant(String text) {
        try {
            return java.time.Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new StackException("--as-of must be an ISO-8601 instant such as 2026-11-22T00:00:00Z, was '" + text + "'");
        }
    }

    private static boolean printStatus(Stack stack, PrintStream out) {
        boolean allUp = true;
        out.printf("%-10s %-5s %-8s %s%n", "PART", "STATE", "PID", "PORTS");
        for (Stack.PartStatus part : stack.status().values()) {
            allUp &= part.up();
            out.printf("%-10s %-5s %-8s %s%n", part.name(), part.up() ? "up" : "down",
                    part.pid().map(String::valueOf).orElse("-"),
                    part.ports().stream().sorted().map(String::valueOf).collect(Collectors.joining(",")));
        }
        return allUp;
    }

    private static void printWhere(StackSettings s, PrintStream out) {
        Map<String, String> where = new java.util.LinkedHashMap<>();
        where.put("API", "http://127.0.0.1:" + s.apiPort() + "/v1");
        where.put("admin", "http://127.0.0.1:" + s.adminPort() + "/healthcheck");
        where.put("Cassandra", s.cassandraContactPoint() + " (keyspace tierfeed)");
        where.put("Kafka", s.kafkaBootstrap());
        where.put("state", s.home() + " (data, logs, pids)");
        out.println();
        out.println("tierfeed is up:");
        where.forEach((k, v) -> out.printf("  %-10s %s%n", k, v));
    }
}

package dev.tierfeed.stack;

import dev.tierfeed.core.IngestResolution;
import dev.tierfeed.core.ValidationException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

/**
 * The command line behind {@code bin/tierfeed}: {@code up}, {@code down}, {@code status},
 * {@code logs PART}, {@code batch [--as-of INSTANT]}. Settings come from TIERFEED_* environment
 * variables; the project root from the {@code tierfeed.root} system property.
 *
 * <p>Exit status: 0 done; 1 failed, printed as {@code tierfeed: <message>}; 2 bad usage, printed
 * with the usage; 3 from {@code status} when a part is down; a batch's own status from {@code batch}.
 */
// INHERIT: every command has --help and --version
@Command(name = "bin/tierfeed", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = TierfeedVersion.class,
        subcommands = {StackCli.Up.class, StackCli.Down.class, StackCli.Status.class, StackCli.Logs.class, StackCli.Batch.class,
                StackCli.Stats.class, StackCli.Lake.class},
        description = "Runs tierfeed on one machine: Cassandra, Kafka, the streaming job and the service.")
public final class StackCli implements Runnable {
    static final int FAILED = 1;
    static final int PART_DOWN = 3;
    private static final int INTERRUPTED = 130;
    private static final int LOG_LINES = 200;

    private final Supplier<StackSettings> settings;
    private final Supplier<StackSettings> clusterSettings;
    @Spec
    private CommandSpec spec;

    private StackCli(Supplier<StackSettings> settings, Supplier<StackSettings> clusterSettings) {
        this.settings = settings;
        this.clusterSettings = clusterSettings;
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("tierfeed.root", ".")).toAbsolutePath().normalize();
        System.exit(commandLine(() -> StackSettings.fromEnvironment(root, System.getenv()),
                () -> StackSettings.fromEnvironment(root, System.getenv(), true)).execute(args));
    }

    /** The command line on one stack, whether or not {@code --cluster} is given (a test's stack). */
    static CommandLine commandLine(Supplier<StackSettings> settings) {
        return commandLine(settings, settings);
    }

    /**
     * The command line; {@code settings} (or {@code clusterSettings} with {@code --cluster}) are read
     * only when a command runs, so usage errors and help need none.
     */
    static CommandLine commandLine(Supplier<StackSettings> settings, Supplier<StackSettings> clusterSettings) {
        return new CommandLine(new StackCli(settings, clusterSettings)).setExecutionExceptionHandler(StackCli::failed);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** A command on the stack that the settings describe. */
    abstract static class StackCommand {
        @ParentCommand
        private StackCli cli;

        @Option(names = "--cluster", description = {"the cluster mode's stack: three Cassandra nodes and three Kafka brokers on",
                "127.0.0.1-3, Spark standalone, two service replicas behind HAProxy; its state in .tierfeed-cluster",
                "(TIERFEED_CLUSTER=true does the same)"})
        private boolean cluster;

        Stack stack() {
            return new Stack(cluster ? cli.clusterSettings.get() : cli.settings.get());
        }
    }

    @Command(name = "up", description = "start every part (Cassandra, Kafka, schema, streaming, analytics, serving) and wait until healthy")
    static final class Up extends StackCommand implements Runnable {
        @Override
        public void run() {
            Stack stack = stack();
            stack.up(System.out);
            printWhere(stack.settings());
        }
    }

    @Command(name = "down", description = "stop every part")
    static final class Down extends StackCommand implements Runnable {
        @Override
        public void run() {
            stack().down(System.out);
        }
    }

    @Command(name = "status", description = "each part: up or down, pid, ports (exit 3 when a part is down)")
    static final class Status extends StackCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            boolean allUp = true;
            java.io.PrintWriter out = spec.commandLine().getOut();
            out.printf("%-14s %-5s %-8s %s%n", "PART", "STATE", "PID", "ADDRESS:PORTS");
            for (Stack.PartStatus part : stack().status().values()) {
                allUp &= part.up();
                out.printf("%-14s %-5s %-8s %s:%s%n", part.name(), part.up() ? "up" : "down",
                        part.pid().map(String::valueOf).orElse("-"), part.host(),
                        part.ports().stream().sorted().map(String::valueOf).collect(Collectors.joining(",")));
            }
            out.flush();
            return allUp ? 0 : PART_DOWN;
        }
    }

    @Command(name = "logs", description = "the last lines of a part's log")
    static final class Logs extends StackCommand implements Runnable {
        @Parameters(paramLabel = "PART", description = "cassandra, kafka, s3, migrate, streaming, analytics or serving")
        private String part;

        @Override
        public void run() {
            Path log = stack().logOf(part);
            System.out.println("==> " + log + " <==");
            System.out.println(PartProcess.tail(log, LOG_LINES));
        }
    }

    @Command(name = "batch", description = "run the nightly batch on the running stack")
    static final class Batch extends StackCommand implements Callable<Integer> {
        @Option(names = "--as-of", paramLabel = "INSTANT", converter = IsoInstant.class,
                description = "the batch's cutoff, an ISO-8601 instant (default: now)")
        private Instant asOf;

        /** The batch's own exit status. */
        @Override
        public Integer call() throws IOException, InterruptedException {
            return stack().runBatch(asOf != null ? asOf : Instant.now().truncatedTo(ChronoUnit.MILLIS), System.out);
        }
    }

    @Command(name = "stats", description = {"accepted posts per window of 10 ms, 1 s or 1 min, newest last: lines START COUNT",
            "(the windows that hold a count; from the running service's GET /v1/stats/ingest)"})
    static final class Stats extends StackCommand implements Runnable {
        @Parameters(paramLabel = "RESOLUTION", description = "10ms, 1s or 1m", converter = ResolutionLabel.class)
        private String resolution;

        @Option(names = "--last", paramLabel = "N", defaultValue = "20", description = "how many of the most recent windows (1-" + IngestResolution.MAX_LAST + "; default ${DEFAULT-VALUE})")
        private int last;

        @Spec
        private CommandSpec spec;

        @Override
        public void run() {
            if (last < 1 || last > IngestResolution.MAX_LAST) {
                throw new ParameterException(spec.commandLine(), "--last must be from 1 to " + IngestResolution.MAX_LAST + ", was " + last);
            }
            StackSettings settings = stack().settings();
            java.io.PrintWriter out = spec.commandLine().getOut();
            IngestStats.latest("http://127.0.0.1:" + settings.apiPort(), resolution, last)
                    .forEach(bucket -> out.println(bucket.start() + " " + bucket.count()));
            out.flush();
        }
    }

    @Command(name = "lake", description = "rows of the event lake per day and event type (DATE TYPE ROWS), read through Spark from S3A")
    static final class Lake extends StackCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        /** The report's own exit status. */
        @Override
        public Integer call() throws IOException, InterruptedException {
            java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
            int status;
            try (java.io.PrintStream out = new java.io.PrintStream(output, true, java.nio.charset.StandardCharsets.UTF_8)) {
                status = stack().runSparkJob("dev.tierfeed.batch.LakeReport", java.util.List.of(), Map.of(), out);
            }
            spec.commandLine().getOut().print(output.toString(java.nio.charset.StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
            return status;
        }
    }

    /** A resolution as the service names it; anything else is a usage error naming the choices. */
    static final class ResolutionLabel implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            try {
                return IngestResolution.parse(text).label();
            } catch (ValidationException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    private static void printWhere(StackSettings s) {
        Map<String, String> where = new LinkedHashMap<>();
        where.put("API", "http://127.0.0.1:" + s.apiPort() + "/v1" + (s.clustered() ? " (HAProxy in front of both replicas)" : ""));
        where.put("admin", "http://127.0.0.1:" + s.adminPort() + "/healthcheck");
        if (s.clustered()) {
            List<String> admins = s.servingAdminUrls();
            for (int n = 1; n <= admins.size(); n++) {
                String host = ClusterLayout.replicaAddress(n);
                where.put("serving-" + n, "http://" + host + ":" + s.apiPort() + "/v1, " + admins.get(n - 1) + "/healthcheck");
            }
            where.put("Spark", s.sparkMasterUrl() + " (web UI http://127.0.0.1:" + s.cluster().sparkWebPort() + ")");
        }
        where.put("Cassandra", s.cassandraContactPoint() + " (keyspace tierfeed, " + s.replicationFactor() + " replicas)");
        where.put("Kafka", s.kafkaBootstrap());
        where.put("S3", s.s3Endpoint() + " (buckets " + s.lakeBucket() + ", " + s.mediaBucket() + ")");
        where.put("operator", s.operatorTokenSource());
        where.put("state", s.home() + " (data, logs, pids)");
        System.out.println();
        System.out.println("tierfeed is up:");
        where.forEach((k, v) -> System.out.printf("  %-14s %s%n", k, v));
    }

    /** A failure of the stack is one line the user can act on; anything else keeps its stack trace. */
    private static int failed(Exception e, CommandLine command, ParseResult parsed) throws Exception {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return INTERRUPTED;
        }
        if (!(e instanceof StackException || e instanceof IOException)) {
            throw e;
        }
        command.getErr().println("tierfeed: " + e.getMessage());
        return FAILED;
    }

    /** Reads {@code --as-of}, saying what a valid value looks like. */
    static final class IsoInstant implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("must be an ISO-8601 instant such as 2026-11-22T00:00:00Z, was '" + text + "'");
            }
        }
    }
}

package dev.tierfeed.stack;

import dev.tierfeed.core.EventTopics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The whole of tierfeed on one machine: Cassandra, Kafka and the S3 store, the schema (with the
 * buckets) and the topics, the streaming job and the service, started in that order and each
 * awaited until healthy.
 * {@code bin/tierfeed} and the test harness both drive it.
 */
public final class Stack {
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;
    private static final Duration START_POLL = Duration.ofMillis(50);

    private final StackSettings settings;
    private final Part cassandra;
    private final Part kafka;
    private final Part s3;
    private final Part streaming;
    private final Part serving;
    private final List<Part> replicas = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Stack(StackSettings settings) {
        this.settings = settings;
        this.cassandra = new CassandraPart(settings);
        this.kafka = new KafkaPart(settings);
        this.s3 = new S3Part(settings);
        this.streaming = new StreamingPart(settings);
        this.serving = new ServingPart(settings);
    }

    public StackSettings settings() {
        return settings;
    }

    private List<Part> parts() {
        return List.of(cassandra, kafka, s3, streaming, serving);
    }

    /**
     * Starts every part that is not already running and waits until all are healthy. On
     * failure, stops what this call started and throws with the tail of the failing part's log.
     */
    public void up(PrintStream out) {
        List<Part> started = new ArrayList<>();
        try {
            Files.createDirectories(settings.home());
            refuseTakenPorts();
            startAndAwait(out, started, cassandra, kafka, s3);
            migrateSchema(Map.of(), out);
            createTopics(out);
            startAndAwait(out, started, streaming, serving);
        } catch (IOException e) {
            stopAll(reversed(started), out);
            throw new StackException("could not start the stack: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            stopAll(reversed(started), out);
            throw e;
        }
    }

    /**
     * Kills a part at once, as a crash would ({@code kill -9}); {@link #up} starts it again.
     * For tests of recovery.
     */
    public void crash(String partName) {
        Part part = parts().stream().filter(p -> p.name().equals(partName)).findFirst()
                .orElseThrow(() -> new StackException("no part named '" + partName + "'"));
        PartProcess.running(part).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().join();
        });
    }

    /**
     * Starts one more replica of the service, {@code serving-<nodeId>}: ids made with {@code nodeId}
     * (1 or more: the stack's own replica is 0), free ports of its own, against this stack's
     * Cassandra, Kafka and store; returns once it is healthy. Closing the handle stops it, and so
     * does {@link #down}. For tests of what must hold across replicas.
     */
    public ServingReplica startServingReplica(int nodeId, PrintStream out) throws IOException {
        if (nodeId < 1) {
            throw new IllegalArgumentException("another replica needs a node id of 1 or more; the stack's own is 0");
        }
        StackSettings own = settings.withServingPorts(FreePorts.next(), FreePorts.next());
        Part replica = new ServingPart(own, nodeId);
        List<Part> started = new ArrayList<>();
        try {
            startAndAwait(out, started, replica);
        } catch (RuntimeException e) {
            stopAll(started, out);
            throw e;
        }
        replicas.add(replica);
        return new ServingReplica(own.apiPort(), own.adminPort(), () -> {
            stopAll(List.of(replica), out);
            replicas.remove(replica);
        });
    }

    /** A replica started by {@link #startServingReplica}: its ports; {@link #close} stops it. */
    public record ServingReplica(int apiPort, int adminPort, Runnable stopper) implements AutoCloseable {
        @Override
        public void close() {
            stopper.run();
        }
    }

    /**
     * Runs the nightly batch ({@code NightlyBatch}: premium backlog, standard expiry, delivery
     * audit) as of {@code asOf} against this stack, in a JVM of its own on the configured Spark
     * master, its output going to {@code out}; returns its exit status.
     */
    public int runBatch(java.time.Instant asOf, PrintStream out) throws IOException, InterruptedException {
        return runSparkJob("dev.tierfeed.batch.NightlyBatch", List.of("--as-of", asOf.toString()), Map.of(), out);
    }

    /**
     * Runs a main class of the batch module on the configured Spark master against this stack's
     * Cassandra, with {@code environment} added to the stack's (a keyspace of its own, say).
     */
    public int runSparkJob(String mainClass, List<String> args, Map<String, String> environment, PrintStream out)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + settings.batchHeap()));
        command.addAll(StreamingPart.SPARK_JAVA17_FLAGS);
        command.addAll(List.of("-Dspark.master=" + settings.sparkMaster(), "-Dspark.driver.bindAddress=127.0.0.1",
                "-Dspark.driver.host=127.0.0.1", "-Dspark.ui.enabled=false", "-Dspark.sql.shuffle.partitions=4",
                "-cp", batchClasspath(), mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(settings.applicationEnvironment());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getInputStream().transferTo(out);
        return process.waitFor();
    }

    /** Applies the schema to the keyspace named in {@code environment} (TIERFEED_KEYSPACE), or the stack's. */
    public void migrate(Map<String, String> environment, PrintStream out) throws IOException {
        migrateSchema(environment, out);
    }

    private String batchClasspath() throws IOException {
        Path batch = settings.root().resolve("batch/target");
        Path spark = batch.resolve("spark-classpath.txt");
        if (!Files.exists(spark)) {
            throw new StackException("batch is not built (no " + spark + "): run `bin/tierfeed build`");
        }
        return Part.moduleClasspath(settings, "batch") + java.io.File.pathSeparator + Files.readString(spark).trim();
    }

    /** Stops every running part, the service first and Cassandra last. */
    public void down(PrintStream out) {
        stopAll(List.copyOf(replicas), out);
        replicas.clear();
        stopAll(reversed(parts()), out);
    }

    /** Each part: up or down, its pid and ports. */
    public Map<String, PartStatus> status() {
        Map<String, PartStatus> status = new LinkedHashMap<>();
        for (Part part : parts()) {
            Optional<ProcessHandle> process = PartProcess.running(part);
            status.put(part.name(), new PartStatus(part.name(), process.isPresent() && part.isReady(),
                    process.map(ProcessHandle::pid), Set.copyOf(part.ports().keySet())));
        }
        return status;
    }

    public Path logOf(String partName) {
        if (parts().stream().noneMatch(p -> p.name().equals(partName)) && !partName.equals("migrate") && !partName.matches("serving-\\d+")) {
            throw new StackException("no part named '" + partName + "'; parts: cassandra, kafka, s3, streaming, serving, migrate");
        }
        return PartProcess.logFile(settings, partName);
    }

    private void refuseTakenPorts() {
        List<String> taken = new ArrayList<>();
        for (Part part : parts()) {
            if (PartProcess.running(part).isPresent()) {
                continue;
            }
            part.ports().forEach((port, what) -> {
                if (!FreePorts.isFree(port)) {
                    taken.add("port " + port + " for " + what + " is already in use by another process");
                }
            });
        }
        if (!taken.isEmpty()) {
            throw new StackException(String.join("\n", taken) + "\nstop that process or choose other ports with the TIERFEED_*_PORT settings");
        }
    }

    private void startAndAwait(PrintStream out, List<Part> started, Part... group) throws IOException {
        Map<Part, ProcessHandle> processes = new LinkedHashMap<>();
        for (Part part : group) {
            Optional<ProcessHandle> running = PartProcess.running(part);
            if (running.isPresent()) {
                out.printf("%-10s already running (pid %d)%n", part.name(), running.get().pid());
                processes.put(part, running.get());
                continue;
            }
            part.prepare();
            ProcessHandle process = PartProcess.start(part);
            started.add(part);
            processes.put(part, process);
            out.printf("%-10s starting (pid %d, log %s)%n", part.name(), process.pid(), logOf(part.name()));
        }
        for (Map.Entry<Part, ProcessHandle> entry : processes.entrySet()) {
            await(out, entry.getKey(), entry.getValue());
        }
    }

    private void await(PrintStream out, Part part, ProcessHandle process) {
        long startNanos = System.nanoTime();
        try {
            Awaitility.await(part.name() + " to start").atMost(settings.startTimeout()).pollInterval(START_POLL)
                    .until(() -> !process.isAlive() || part.isReady());
        } catch (ConditionTimeoutException e) {
            throw failure(part, part.name() + " was not ready within " + settings.startTimeout().toSeconds() + " s");
        }
        if (!process.isAlive()) {
            throw failure(part, part.name() + " exited while starting");
        }
        out.printf("%-10s ready in %.1f s%n", part.name(), (System.nanoTime() - startNanos) / 1e9);
    }

    private StackException failure(Part part, String what) {
        Path log = logOf(part.name());
        return new StackException(what + "; last lines of " + log + ":\n" + PartProcess.tail(log, LOG_TAIL_LINES));
    }

    /** Applies the versioned CQL schema with the service's own {@code migrate} command. */
    private void migrateSchema(Map<String, String> environment, PrintStream out) throws IOException {
        Path log = logOf("migrate");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", serving.classpath(), "dev.tierfeed.serving.TierfeedApplication", "migrate",
                ServingPart.configFile(settings).toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(settings.applicationEnvironment());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(settings.startTimeout().toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new StackException("schema migration did not finish in time; see " + log + ":\n" + PartProcess.tail(log, LOG_TAIL_LINES));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while migrating the schema", e);
        }
        if (process.exitValue() != 0) {
            throw new StackException("schema migration failed; last lines of " + log + ":\n" + PartProcess.tail(log, LOG_TAIL_LINES));
        }
        out.printf("%-10s schema is up to date%n", "migrate");
    }

    private void createTopics(PrintStream out) {
        int partitions = Integer.parseInt(settings.passThrough().getOrDefault("TIERFEED_POSTS_PARTITIONS", "2"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap()))) {
            for (String topic : List.of(EventTopics.POSTS, EventTopics.EVENTS)) {
                createTopic(admin, topic, partitions, out);
            }
        }
    }

    private static void createTopic(Admin admin, String topic, int partitions, PrintStream out) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            out.printf("%-10s created topic %s (%d partitions)%n", "kafka", topic, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new StackException("could not create Kafka topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (Exception e) {
            throw new StackException("could not create Kafka topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private void stopAll(List<Part> order, PrintStream out) {
        for (Part part : order) {
            Optional<ProcessHandle> process = PartProcess.running(part);
            if (process.isPresent()) {
                out.printf("%-10s stopping (pid %d)%n", part.name(), process.get().pid());
                PartProcess.stop(process.get(), STOP_GRACE);
            }
            PartProcess.forget(part);
        }
    }

    private static List<Part> reversed(List<Part> parts) {
        List<Part> reversed = new ArrayList<>(parts);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    /** What {@code bin/tierfeed status} shows of a part. */
    public record PartStatus(String name, boolean up, Optional<Long> pid, Set<Integer> ports) {
    }
}

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
 * awaited until healthy. In cluster mode ({@link ClusterLayout}) the same, with three nodes of
 * Cassandra and Kafka, a Spark standalone cluster under the streaming job, and two service replicas
 * behind a balancer.
 * {@code bin/tierfeed} and the test harness both drive it.
 */
public final class Stack {
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;
    private static final Duration START_POLL = Duration.ofMillis(50);
    /** Partitions of each topic the stack makes, unless TIERFEED_POSTS_PARTITIONS says otherwise. */
    static final int DEFAULT_PARTITIONS = 2;

    private final StackSettings settings;
    /** What must run before the schema and topics can be made: Cassandra, Kafka and the store, in waves started together. */
    private final List<List<Part>> storage;
    /** What runs on them, in waves: the streaming job (and its Spark cluster), the service (and its balancer). */
    private final List<List<Part>> compute;
    private final Part serving;
    private final List<Part> replicas = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Stack(StackSettings settings) {
        this.settings = settings;
        Part s3 = new S3Part(settings);
        Part streaming = new StreamingPart(settings);
        if (!settings.clustered()) {
            this.serving = new ServingPart(settings);
            this.storage = List.of(List.of(new CassandraPart(settings), new KafkaPart(settings), s3));
            this.compute = List.of(List.of(streaming, StreamingPart.analytics(settings), serving));
            return;
        }
        // a ring's first node is its seed and is up before the others join, one at a time; a KRaft
        // quorum needs its brokers started together
        this.storage = List.of(
                List.of(new CassandraPart(settings, 1), new KafkaPart(settings, 1), new KafkaPart(settings, 2), new KafkaPart(settings, 3), s3),
                List.of(new CassandraPart(settings, 2)),
                List.of(new CassandraPart(settings, 3)));
        List<Part> workers = new ArrayList<>();
        List<Part> servingReplicas = new ArrayList<>();
        for (int n = 1; n <= ClusterLayout.SPARK_WORKERS; n++) {
            workers.add(new SparkWorkerPart(settings, n));
        }
        for (int n = 1; n <= ClusterLayout.REPLICAS; n++) {
            servingReplicas.add(new ServingPart(settings, n, ClusterLayout.replicaAddress(n)));
        }
        this.serving = servingReplicas.get(0);
        this.compute = List.of(List.of(new SparkMasterPart(settings)), workers, List.of(streaming), servingReplicas,
                List.of(new BalancerPart(settings)));
    }

    public StackSettings settings() {
        return settings;
    }

    private List<Part> parts() {
        List<Part> parts = new ArrayList<>();
        storage.forEach(parts::addAll);
        compute.forEach(parts::addAll);
        return parts;
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
            for (List<Part> wave : storage) {
                startAndAwait(out, started, wave.toArray(Part[]::new));
            }
            migrateSchema(Map.of(), out);
            createTopics(out);
            for (List<Part> wave : compute) {
                startAndAwait(out, started, wave.toArray(Part[]::new));
            }
        } catch (IOException e) {
            stopWaves(wavesToStop(started), out);
            throw new StackException("could not start the stack: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            stopWaves(wavesToStop(started), out);
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

    /** Kills every application of the streaming job at once, as {@link #crash} does one part; {@link #up} starts them again. */
    public void crashStreaming() {
        parts().stream().filter(StreamingPart.class::isInstance).forEach(part -> crash(part.name()));
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
        String classpath = batchClasspath();
        command.addAll(sparkClusterOptions(settings, classpath));
        command.addAll(List.of("-Dspark.master=" + settings.sparkMasterUrl(), "-Dspark.driver.bindAddress=127.0.0.1",
                "-Dspark.driver.host=127.0.0.1", "-Dspark.ui.enabled=false", "-Dspark.sql.shuffle.partitions=4",
                "-cp", classpath, mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(settings.applicationEnvironment());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getInputStream().transferTo(out);
        return process.waitFor();
    }

    /**
     * What a Spark application needs on the cluster mode's standalone master (none on a local
     * master): its own classpath for its executors (the workers' Spark home has no jars), the
     * executors' heap, and a share of the cores, so that the streaming job and a batch run side by side.
     */
    static List<String> sparkClusterOptions(StackSettings settings, String classpath) {
        if (!settings.clustered()) {
            return List.of();
        }
        return List.of("-Dspark.executor.extraClassPath=" + classpath,
                "-Dspark.executor.memory=" + settings.cluster().executorHeap(),
                "-Dspark.executor.cores=1",
                "-Dspark.cores.max=" + ClusterLayout.APP_CORES);
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
        stopWaves(wavesToStop(parts()), out);
    }

    /** Each part: up or down, its pid and ports. */
    public Map<String, PartStatus> status() {
        Map<String, PartStatus> status = new LinkedHashMap<>();
        for (Part part : parts()) {
            Optional<ProcessHandle> process = PartProcess.running(part);
            status.put(part.name(), new PartStatus(part.name(), process.isPresent() && part.isReady(),
                    process.map(ProcessHandle::pid), part.host(), Set.copyOf(part.ports().keySet())));
        }
        return status;
    }

    public Path logOf(String partName) {
        if (parts().stream().noneMatch(p -> p.name().equals(partName)) && !partName.equals("migrate") && !partName.matches("serving-\\d+")) {
            throw new StackException("no part named '" + partName + "'; parts: "
                    + parts().stream().map(Part::name).collect(java.util.stream.Collectors.joining(", ")) + ", migrate");
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
                if (!FreePorts.isFree(part.host(), port)) {
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
                out.printf("%-14s already running (pid %d)%n", part.name(), running.get().pid());
                processes.put(part, running.get());
                continue;
            }
            part.prepare();
            ProcessHandle process = PartProcess.start(part);
            started.add(part);
            processes.put(part, process);
            out.printf("%-14s starting (pid %d, log %s)%n", part.name(), process.pid(), logOf(part.name()));
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
        out.printf("%-14s ready in %.1f s%n", part.name(), (System.nanoTime() - startNanos) / 1e9);
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
        out.printf("%-14s schema is up to date%n", "migrate");
    }

    private void createTopics(PrintStream out) {
        int partitions = Integer.parseInt(settings.passThrough().getOrDefault("TIERFEED_POSTS_PARTITIONS", Integer.toString(DEFAULT_PARTITIONS)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap()))) {
            for (String topic : List.of(EventTopics.POSTS, EventTopics.EVENTS)) {
                createTopic(admin, settings, topic, partitions, out);
            }
        }
    }

    private static void createTopic(Admin admin, StackSettings settings, String topic, int partitions, PrintStream out) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) settings.replicationFactor()))).all().get(30, TimeUnit.SECONDS);
            out.printf("%-14s created topic %s (%d partitions, %d replicas)%n", "kafka", topic, partitions, settings.replicationFactor());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new StackException("could not create Kafka topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (Exception e) {
            throw new StackException("could not create Kafka topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Stops the parts one after the other in this order. */
    private void stopAll(List<Part> order, PrintStream out) {
        stopWaves(order.stream().map(List::of).toList(), out);
    }

    /**
     * Stops the parts wave after wave, those of one wave together: a Kafka broker whose quorum has
     * gone waits for it until killed, so a cluster's brokers are asked to stop at the same time.
     */
    private void stopWaves(List<List<Part>> waves, PrintStream out) {
        for (List<Part> wave : waves) {
            Map<Part, ProcessHandle> stopping = new LinkedHashMap<>();
            for (Part part : wave) {
                PartProcess.running(part).ifPresent(process -> {
                    out.printf("%-14s stopping (pid %d)%n", part.name(), process.pid());
                    process.destroy();
                    stopping.put(part, process);
                });
            }
            stopping.values().forEach(process -> PartProcess.stop(process, STOP_GRACE));
            wave.forEach(PartProcess::forget);
        }
    }

    /** The waves of the stack (or of those of {@code only}) in the order to stop them: the last started first. */
    private List<List<Part>> wavesToStop(java.util.Collection<Part> only) {
        List<List<Part>> waves = new ArrayList<>();
        java.util.stream.Stream.concat(storage.stream(), compute.stream())
                .map(wave -> wave.stream().filter(only::contains).toList())
                .filter(wave -> !wave.isEmpty())
                .forEach(wave -> waves.add(0, reversed(wave)));
        return waves;
    }

    private static List<Part> reversed(List<Part> parts) {
        List<Part> reversed = new ArrayList<>(parts);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    /** What {@code bin/tierfeed status} shows of a part. */
    public record PartStatus(String name, boolean up, Optional<Long> pid, String host, Set<Integer> ports) {
    }
}

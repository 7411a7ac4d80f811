package dev.tierfeed.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Where the stack lives and how it is sized: ports, heaps, folders and time-outs. Every value
 * is a setting with a default, read from an environment variable ({@link #fromEnvironment}); the
 * test harness builds its own with free ports and a folder of its own ({@link #forTests}).
 *
 * @param root      the project checkout (where the modules' classpath files are)
 * @param home      all state of this stack: data, logs, pids
 * @param passThrough TIERFEED_* settings handed on to the streaming job and the service
 *                  (retentions, windows), so one environment configures every layer
 */
public record StackSettings(
        Path root,
        Path home,
        int cassandraPort,
        int cassandraStoragePort,
        int kafkaPort,
        int kafkaControllerPort,
        int apiPort,
        int adminPort,
        int s3Port,
        String cassandraHeap,
        String kafkaHeap,
        String streamingHeap,
        String servingHeap,
        String batchHeap,
        String s3Heap,
        String sparkMaster,
        Duration startTimeout,
        Map<String, String> passThrough,
        ClusterLayout cluster) {

    /** Settings from TIERFEED_* environment variables, each with its default; cluster mode if TIERFEED_CLUSTER is true. */
    public static StackSettings fromEnvironment(Path root, Map<String, String> env) {
        return fromEnvironment(root, env, "true".equalsIgnoreCase(env.getOrDefault("TIERFEED_CLUSTER", "").trim()));
    }

    /**
     * Settings from TIERFEED_* environment variables, each with its default. A cluster's state lives
     * apart from the embedded stack's: {@code .tierfeed-cluster} unless TIERFEED_HOME says otherwise.
     */
    public static StackSettings fromEnvironment(Path root, Map<String, String> env, boolean cluster) {
        Function<String, String> get = env::get;
        Path home = Path.of(or(get, "TIERFEED_HOME", root.resolve(cluster ? ".tierfeed-cluster" : ".tierfeed").toString())).toAbsolutePath();
        return new StackSettings(
                root,
                home,
                port(get, "TIERFEED_CASSANDRA_PORT", 9042),
                port(get, "TIERFEED_CASSANDRA_STORAGE_PORT", 7000),
                port(get, "TIERFEED_KAFKA_PORT", 9092),
                port(get, "TIERFEED_KAFKA_CONTROLLER_PORT", 9093),
                port(get, "TIERFEED_API_PORT", 8080),
                port(get, "TIERFEED_ADMIN_PORT", 8081),
                port(get, "TIERFEED_S3_PORT", 9000),
                or(get, "TIERFEED_CASSANDRA_HEAP", cluster ? "1g" : "1536m"), // writes: 512m halved the raw write rate (README, Fan-out)
                or(get, "TIERFEED_KAFKA_HEAP", "384m"),
                or(get, "TIERFEED_STREAMING_HEAP", "1g"),
                or(get, "TIERFEED_SERVING_HEAP", "512m"),
                or(get, "TIERFEED_BATCH_HEAP", "1g"),
                or(get, "TIERFEED_S3_HEAP", "256m"),
                or(get, "TIERFEED_SPARK_MASTER", "local[2]"),
                Duration.parse(or(get, "TIERFEED_START_TIMEOUT", "PT180S")),
                passThrough(env),
                cluster ? new ClusterLayout(true, port(get, "TIERFEED_SPARK_MASTER_PORT", 7077), port(get, "TIERFEED_SPARK_WEB_PORT", 8088),
                        or(get, "TIERFEED_SPARK_EXECUTOR_HEAP", "768m")) : ClusterLayout.NONE);
    }

    /**
     * Settings for a test stack: free ports chosen now and a folder of its own, so it never
     * collides with a stack started by {@code bin/tierfeed up}. Smaller heaps than the default.
     */
    public static StackSettings forTests(Path root, Path home, Map<String, String> overrides) {
        return new StackSettings(
                root, home.toAbsolutePath(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(),
                "384m", "256m", "768m", "384m", "768m", "192m", "local[2]",
                Duration.ofSeconds(180),
                passThrough(overrides), ClusterLayout.NONE);
    }

    /**
     * Settings for a test stack in cluster mode: as {@link #forTests}, with the cluster's own free
     * ports, three Cassandra nodes of a smaller heap each and a longer time to start.
     */
    public static StackSettings forClusterTests(Path root, Path home, Map<String, String> overrides) {
        return new StackSettings(
                root, home.toAbsolutePath(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(),
                "768m", "320m", "640m", "384m", "640m", "192m", "local[2]",
                Duration.ofSeconds(300),
                passThrough(overrides), new ClusterLayout(true, FreePorts.next(), FreePorts.next(), "640m"));
    }

    private static Map<String, String> passThrough(Map<String, String> env) {
        Map<String, String> settings = new LinkedHashMap<>();
        env.forEach((key, value) -> {
            if (key.startsWith("TIERFEED_") && !key.endsWith("_PORT") && !key.endsWith("_HEAP") && !key.equals("TIERFEED_HOME")) {
                settings.put(key, value);
            }
        });
        return Map.copyOf(settings);
    }

    /** These settings with other ports for the service: for another replica of it beside this stack's. */
    public StackSettings withServingPorts(int otherApiPort, int otherAdminPort) {
        return new StackSettings(root, home, cassandraPort, cassandraStoragePort, kafkaPort, kafkaControllerPort, otherApiPort, otherAdminPort,
                s3Port, cassandraHeap, kafkaHeap, streamingHeap, servingHeap, batchHeap, s3Heap, sparkMaster, startTimeout, passThrough, cluster);
    }

    /** Whether this is the cluster mode's topology ({@code bin/tierfeed up --cluster}). */
    public boolean clustered() {
        return cluster.enabled();
    }

    /**
     * The admin port of each running service: the one service, or in cluster mode each replica's own
     * (not the balancer's, which shows one replica's counters at a time).
     */
    public List<String> servingAdminUrls() {
        if (!clustered()) {
            return List.of("http://127.0.0.1:" + adminPort);
        }
        return IntStream.rangeClosed(1, ClusterLayout.REPLICAS)
                .mapToObj(n -> "http://" + ClusterLayout.replicaAddress(n) + ":" + adminPort).toList();
    }

    /** The loopback address of each node of Cassandra and Kafka: one, or three in cluster mode. */
    public List<String> nodeAddresses() {
        return clustered() ? ClusterLayout.NODES : List.of(ClusterLayout.NODES.get(0));
    }

    public String cassandraContactPoint() {
        return nodeAddresses().stream().map(host -> host + ":" + cassandraPort).collect(Collectors.joining(","));
    }

    /** The Spark master that the streaming job and the batch run on: a standalone master in cluster mode. */
    public String sparkMasterUrl() {
        return clustered() ? "spark://127.0.0.1:" + cluster.sparkMasterPort() : sparkMaster;
    }

    /** Copies of each row in Cassandra and of each message in Kafka: three in cluster mode. */
    public int replicationFactor() {
        return nodeAddresses().size();
    }

    /** The S3 endpoint of the stack's own store. */
    public String s3Endpoint() {
        return "http://127.0.0.1:" + s3Port;
    }

    /** The access key of the stack's store and its clients (TIERFEED_S3_ACCESS_KEY). */
    public String s3AccessKey() {
        return passThrough.getOrDefault("TIERFEED_S3_ACCESS_KEY", "tierfeed");
    }

    /** The secret key of the stack's store and its clients (TIERFEED_S3_SECRET_KEY). */
    public String s3SecretKey() {
        return passThrough.getOrDefault("TIERFEED_S3_SECRET_KEY", "tierfeed-secret");
    }

    /** The bucket of the event lake (TIERFEED_S3_LAKE_BUCKET). */
    public String lakeBucket() {
        return passThrough.getOrDefault("TIERFEED_S3_LAKE_BUCKET", "tierfeed-lake");
    }

    /** The bucket of uploaded media (TIERFEED_S3_MEDIA_BUCKET). */
    public String mediaBucket() {
        return passThrough.getOrDefault("TIERFEED_S3_MEDIA_BUCKET", "tierfeed-media");
    }

    /**
     * The operator's bearer token (tier changes, sessions opened for a user): TIERFEED_OPERATOR_TOKEN,
     * or else a random one the stack makes once and keeps in its folder ({@code operator-token},
     * readable by its owner only), so no stack starts with a token anyone could guess.
     */
    public String operatorToken() {
        String given = passThrough.get("TIERFEED_OPERATOR_TOKEN");
        if (given != null && !given.isBlank()) {
            return given;
        }
        Path file = home.resolve("operator-token");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(home);
                byte[] bytes = new byte[24];
                new SecureRandom().nextBytes(bytes);
                Path made = Files.createTempFile(home, "operator-token", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(made, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\n");
                Files.move(made, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make or read " + file, e);
        }
    }

    /** Where the operator's token comes from, for {@code up}'s summary. */
    String operatorTokenSource() {
        String given = passThrough.get("TIERFEED_OPERATOR_TOKEN");
        return given != null && !given.isBlank() ? "token from TIERFEED_OPERATOR_TOKEN" : "token in " + home.resolve("operator-token");
    }

    public String kafkaBootstrap() {
        return nodeAddresses().stream().map(host -> host + ":" + kafkaPort).collect(Collectors.joining(","));
    }

    /** The environment the service and the streaming job read their settings from. */
    public Map<String, String> applicationEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(passThrough);
        env.put("TIERFEED_CASSANDRA_HOST", String.join(",", nodeAddresses()));
        env.put("TIERFEED_REPLICATION_FACTOR", Integer.toString(replicationFactor()));
        env.put("TIERFEED_CASSANDRA_PORT", Integer.toString(cassandraPort));
        env.put("TIERFEED_KAFKA_BOOTSTRAP", kafkaBootstrap());
        env.put("TIERFEED_S3_ENDPOINT", s3Endpoint());
        env.put("TIERFEED_S3_ACCESS_KEY", s3AccessKey());
        env.put("TIERFEED_S3_SECRET_KEY", s3SecretKey());
        env.put("TIERFEED_S3_LAKE_BUCKET", lakeBucket());
        env.put("TIERFEED_S3_MEDIA_BUCKET", mediaBucket());
        env.put("TIERFEED_API_PORT", Integer.toString(apiPort));
        env.put("TIERFEED_ADMIN_PORT", Integer.toString(adminPort));
        env.put("TIERFEED_HOME", home.toString());
        env.put("TIERFEED_OPERATOR_TOKEN", operatorToken());
        env.put("TIERFEED_SPARK_MASTER", sparkMasterUrl());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        return env;
    }

    private static String or(Function<String, String> env, String name, String fallback) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int port(Function<String, String> env, String name, int fallback) {
        String value = or(env, name, Integer.toString(fallback));
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StackException(name + " must be a port number (1-65535), was '" + value + "'");
        }
    }
}

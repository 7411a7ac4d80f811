package dev.tierfeed.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real Apache Kafka 3.9 broker in KRaft mode (broker and controller in one JVM), from the
 * classpath that {@code stack/kafka-broker} resolves; its storage is formatted on first start.
 */
final class KafkaPart extends Part {

    private final int nodeId;
    private final String host;

    /** The embedded stack's single broker. */
    KafkaPart(StackSettings settings) {
        super("kafka", settings);
        this.nodeId = 1;
        this.host = ClusterLayout.NODES.get(0);
    }

    /**
     * Broker {@code n} (1 to 3) of the cluster mode, {@code kafka-<n>} on the n-th loopback address
     * with the stack's ports; each is a controller too (a quorum of three).
     */
    KafkaPart(StackSettings settings, int n) {
        super("kafka-" + n, settings);
        this.nodeId = n;
        this.host = ClusterLayout.NODES.get(n - 1);
    }

    @Override
    String host() {
        return host;
    }

    @Override
    Map<Integer, String> ports() {
        return Map.of(settings.kafkaPort(), "Kafka broker (TIERFEED_KAFKA_PORT)",
                settings.kafkaControllerPort(), "Kafka controller (TIERFEED_KAFKA_CONTROLLER_PORT)");
    }

    private Path properties() {
        return dir().resolve("server.properties");
    }

    @Override
    void prepare() throws IOException {
        super.prepare();
        write(properties(), """
                process.roles=broker,controller
                node.id=%5$d
                controller.quorum.voters=%6$s
                listeners=PLAINTEXT://%7$s:%1$d,CONTROLLER://%7$s:%2$d
                advertised.listeners=PLAINTEXT://%7$s:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=1
                offsets.topic.replication.factor=%8$d
                offsets.topic.num.partitions=1
                transaction.state.log.replication.factor=%8$d
                transaction.state.log.min.isr=%9$d
                default.replication.factor=%8$d
                min.insync.replicas=%9$d
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=false
                %4$s
                %10$s
                """.formatted(settings.kafkaPort(), settings.kafkaControllerPort(), dir().resolve("data"), flush(),
                nodeId, voters(), host, settings.replicationFactor(), minInSyncReplicas(), failover()));
        if (!Files.exists(dir().resolve("data/meta.properties"))) {
            format();
        }
    }

    /** Every broker is a voter of the controllers' quorum: {@code id@host:port}, comma-separated. */
    private String voters() {
        List<String> nodes = settings.nodeAddresses();
        return java.util.stream.IntStream.range(0, nodes.size())
                .mapToObj(i -> (i + 1) + "@" + nodes.get(i) + ":" + settings.kafkaControllerPort())
                .collect(java.util.stream.Collectors.joining(","));
    }

    /**
     * A write is acknowledged (acks=all) once this many replicas have it: two of three in cluster
     * mode, so one broker may die without losing an acknowledged post or refusing new ones.
     */
    private int minInSyncReplicas() {
        return settings.clustered() ? ClusterLayout.MIN_IN_SYNC_REPLICAS : 1;
    }

    /**
     * How soon the controllers fence a broker that stopped sending heartbeats, and so move its
     * partitions' leadership and drop it from their in-sync replicas: Kafka's default of 9 s, with
     * the retries of a send that was in flight on it, went past the service's 10 s send timeout in
     * the broker fault test, failing posts while two replicas were up. Three seconds, with a
     * heartbeat every half second.
     */
    private String failover() {
        return settings.clustered() ? "broker.session.timeout.ms=" + ClusterLayout.BROKER_SESSION_TIMEOUT_MS + "\nbroker.heartbeat.interval.ms=500" : "";
    }

    /**
     * A single broker has no replica to keep an acknowledged post if the machine fails, so by default
     * it syncs every append to disk before acknowledging (TIERFEED_KAFKA_FLUSH_EVERY_MESSAGE=true).
     * With replicas (the production topology) Kafka's own model, durability through replication and
     * no sync per message, is the usual choice: set it to false there. The sync costs the ingest path
     * most when the disk is busy with Cassandra's writes (the README's ingest benchmark measures both).
     */
    private String flush() {
        String value = settings.passThrough().getOrDefault("TIERFEED_KAFKA_FLUSH_EVERY_MESSAGE", settings.clustered() ? "false" : "true").trim();
        return switch (value) {
            case "true" -> "log.flush.interval.messages=1";
            case "false" -> "";
            default -> throw new StackException("TIERFEED_KAFKA_FLUSH_EVERY_MESSAGE must be true or false, was '" + value + "'");
        };
    }

    /**
     * The KRaft cluster's id, which every broker's storage must be formatted with: made once and kept
     * in the stack's folder.
     */
    private String clusterId() throws IOException {
        Path file = settings.home().resolve("kafka-cluster-id");
        if (!Files.exists(file)) {
            // Kafka's own kind of id, which never starts with '-' (the storage tool would take it for an option)
            write(file, org.apache.kafka.common.Uuid.randomUuid().toString());
        }
        return Files.readString(file).trim();
    }

    /** Formats KRaft storage once, with the broker's own StorageTool. */
    private void format() throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-cp", classpath(),
                "kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", properties().toString());
        Path log = dir().resolve("format.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new StackException("formatting Kafka storage failed:\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while formatting Kafka storage", e);
        }
    }

    @Override
    List<String> jvmArguments() {
        return List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                "kafka.Kafka", properties().toString());
    }

    @Override
    String classpath() {
        return moduleClasspath("stack/kafka-broker");
    }

    @Override
    String heap() {
        return settings.kafkaHeap();
    }

    @Override
    boolean isReady() {
        if (!FreePorts.isListening(host, settings.kafkaPort())) {
            return false;
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, host + ":" + settings.kafkaPort(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            return admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).stream().anyMatch(node -> node.id() == nodeId);
        } catch (Exception e) {
            return false;
        } finally {
            Thread.interrupted();
        }
    }

}

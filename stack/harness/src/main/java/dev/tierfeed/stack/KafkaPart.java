package dev.tierfeed.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real Apache Kafka 3.9 broker in KRaft mode (broker and controller in one JVM), from the
 * classpath that {@code stack/kafka-broker} resolves; its storage is formatted on first start.
 */
final class KafkaPart extends Part {

    KafkaPart(StackSettings settings) {
        super("kafka", settings);
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
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=1
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                default.replication.factor=1
                min.insync.replicas=1
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=false
                %4$s
                """.formatted(settings.kafkaPort(), settings.kafkaControllerPort(), dir().resolve("data"), flush()));
        if (!Files.exists(dir().resolve("data/meta.properties"))) {
            format();
        }
    }

    /**
     * A single broker has no replica to keep an acknowledged post if the machine fails, so by default
     * it syncs every append to disk before acknowledging (TIERFEED_KAFKA_FLUSH_EVERY_MESSAGE=true).
     * With replicas (the production topology) Kafka's own model, durability through replication and
     * no sync per message, is the usual choice: set it to false there. The sync costs the ingest path
     * most when the disk is busy with Cassandra's writes (the README's ingest benchmark measures both).
     */
    private String flush() {
        String value = settings.passThrough().getOrDefault("TIERFEED_KAFKA_FLUSH_EVERY_MESSAGE", "true").trim();
        return switch (value) {
            case "true" -> "log.flush.interval.messages=1";
            case "false" -> "";
            default -> throw new StackException("TIERFEED_KAFKA_FLUSH_EVERY_MESSAGE must be true or false, was '" + value + "'");
        };
    }

    /** Formats KRaft storage once, with the broker's own StorageTool. */
    private void format() throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-cp", classpath(),
                "kafka.tools.StorageTool", "format", "-t", UUID.randomUUID().toString(), "-c", properties().toString());
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
        if (!FreePorts.isListening(settings.kafkaPort())) {
            return false;
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        } finally {
            Thread.interrupted();
        }
    }

}

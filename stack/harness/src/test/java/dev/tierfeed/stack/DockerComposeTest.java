package dev.tierfeed.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, checked by a real tool and held to the cluster mode: {@code docker-compose
 * config} (Debian's Compose, which the test command installs) must accept it, and what it resolves
 * must have a health check on every long-running service and the cluster mode's replication,
 * topics, heaps, Spark sizes, replicas and balancer configuration.
 */
class DockerComposeTest {
    private static final Path ROOT = Path.of(System.getProperty("tierfeed.root", "../..")).toAbsolutePath().normalize();
    private static final StackSettings CLUSTER = StackSettings.fromEnvironment(ROOT, Map.of(), true);
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void resolve() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("docker-compose", "-f", ROOT.resolve("docker-compose.yml").toString(), "config")
                .redirectErrorStream(true);
        builder.environment().put("TIERFEED_OPERATOR_TOKEN", "a secret the check needs no more of");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("docker-compose config:\n%s", output).isZero();
        Map<String, Object> resolved = new Yaml().load(output);
        services = (Map<String, Map<String, Object>>) resolved.get("services");
    }

    @Test
    void everyServiceThatKeepsRunningHasAHealthCheckAndOneShotsAreAwaitedToComplete() {
        assertThat(services).containsKeys("cassandra-1", "cassandra-2", "cassandra-3", "kafka-1", "kafka-2", "kafka-3", "s3",
                "spark-master", "spark-worker-1", "spark-worker-2", "streaming", "serving-1", "serving-2", "balancer", "airflow");
        services.forEach((name, service) -> {
            if ("no".equals(service.get("restart"))) {
                assertThat(dependents(name)).as("services waiting for the one-shot %s", name).isNotEmpty()
                        .allSatisfy(condition -> assertThat(condition).isEqualTo("service_completed_successfully"));
            } else {
                assertThat(service).as("the health check of %s", name).containsKey("healthcheck");
            }
        });
    }

    @Test
    void replicationTopicsAndHeapsAreTheClusterModes() {
        for (int n = 1; n <= ClusterLayout.NODES.size(); n++) {
            assertThat(environment("cassandra-" + n)).containsEntry("MAX_HEAP_SIZE", CLUSTER.cassandraHeap());
            assertThat(environment("kafka-" + n))
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", Integer.toString(CLUSTER.replicationFactor()))
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", Integer.toString(ClusterLayout.MIN_IN_SYNC_REPLICAS))
                    .containsEntry("KAFKA_HEAP_OPTS", "-Xms" + CLUSTER.kafkaHeap() + " -Xmx" + CLUSTER.kafkaHeap())
                    .containsEntry("KAFKA_BROKER_SESSION_TIMEOUT_MS", Integer.toString(ClusterLayout.BROKER_SESSION_TIMEOUT_MS));
        }
        for (String service : List.of("migrate", "streaming", "serving-1", "serving-2")) {
            assertThat(environment(service)).as(service)
                    .containsEntry("TIERFEED_REPLICATION_FACTOR", Integer.toString(CLUSTER.replicationFactor()))
                    .containsEntry("TIERFEED_CASSANDRA_HOST", "cassandra-1,cassandra-2,cassandra-3");
        }
        assertThat(String.join(" ", command("topics")))
                .contains("--partitions " + Stack.DEFAULT_PARTITIONS, "--replication-factor " + CLUSTER.replicationFactor());
    }

    @Test
    void sparkReplicasAndTheBalancerAreTheClusterModes() throws IOException {
        assertThat(services.keySet().stream().filter(name -> name.startsWith("spark-worker-"))).hasSize(ClusterLayout.SPARK_WORKERS);
        assertThat(services.keySet().stream().filter(name -> name.startsWith("serving-"))).hasSize(ClusterLayout.REPLICAS);
        for (int n = 1; n <= ClusterLayout.SPARK_WORKERS; n++) {
            assertThat(String.join(" ", entrypoint("spark-worker-" + n)))
                    .contains("--cores " + ClusterLayout.WORKER_CORES, "--memory " + SparkWorkerPart.workerMemory(CLUSTER),
                            "-Dspark.worker.timeout=" + SparkMasterPart.WORKER_TIMEOUT_SECONDS);
        }
        assertThat(environment("streaming")).containsEntry("SPARK_EXECUTOR_MEMORY", CLUSTER.cluster().executorHeap());
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).as("the image's build and its streaming job's sizes")
                .contains("RUN bin/tierfeed build", "-Dspark.cores.max=" + ClusterLayout.APP_CORES, "-Dspark.executor.cores=1",
                        "-Xmx" + CLUSTER.streamingHeap(), "-Xmx" + CLUSTER.servingHeap());
        assertThat(services.get("balancer").get("volumes").toString()).contains(ROOT.resolve("stack/balancer/haproxy.cfg").toString());
    }

    /** The conditions other services wait for {@code name} on. */
    @SuppressWarnings("unchecked")
    private static List<Object> dependents(String name) {
        return services.values().stream().map(service -> service.get("depends_on")).filter(Map.class::isInstance)
                .map(depends -> ((Map<String, Object>) depends).get(name)).filter(Map.class::isInstance)
                .map(condition -> ((Map<String, Object>) condition).get("condition")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String service) {
        Map<String, Object> environment = (Map<String, Object>) services.get(service).get("environment");
        return environment.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    }

    @SuppressWarnings("unchecked")
    private static List<String> command(String service) {
        return ((List<Object>) services.get(service).get("command")).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> entrypoint(String service) {
        return ((List<Object>) services.get(service).get("entrypoint")).stream().map(String::valueOf).toList();
    }
}

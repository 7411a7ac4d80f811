package dev.tierfeed.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code up} fails: at once and clearly, leaving nothing running. */
class StackStartupTest {
    private static final Path ROOT = Path.of(System.getProperty("tierfeed.root", "../..")).toAbsolutePath().normalize();

    @TempDir
    Path home;

    @Test
    void aTakenPortIsRefusedAtOnceNamingThePortAndTheSetting() throws Exception {
        StackSettings settings = StackSettings.forTests(ROOT, home, Map.of());
        try (ServerSocket squatter = new ServerSocket(settings.kafkaPort(), 1, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> new Stack(settings).up(quiet()))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("port " + settings.kafkaPort())
                    .hasMessageContaining("TIERFEED_KAFKA_PORT");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(new Stack(settings).status().values()).noneMatch(Stack.PartStatus::up);
    }

    @Test
    void aPartThatCannotStartIsReportedWithTheTailOfItsLog() {
        StackSettings broken = testSettings("not-a-size", Duration.ofSeconds(60));

        assertThatThrownBy(() -> new Stack(broken).up(quiet()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("cassandra exited while starting")
                .hasMessageContaining("Invalid initial heap size");
        assertThat(new Stack(broken).status().values()).noneMatch(Stack.PartStatus::up);
    }

    @Test
    void aPartNotReadyInTimeIsReportedWithTheTailOfItsLog() {
        StackSettings impatient = testSettings(StackSettings.forTests(ROOT, home, Map.of()).cassandraHeap(), Duration.ofSeconds(1));

        assertThatThrownBy(() -> new Stack(impatient).up(quiet()))
                .isInstanceOf(StackException.class)
                .hasMessageStartingWith("cassandra was not ready within 1 s; last lines of ");
        assertThat(new Stack(impatient).status().values()).noneMatch(Stack.PartStatus::up);
    }

    @Test
    void portSettingsMustBePortNumbers() {
        assertThatThrownBy(() -> StackSettings.fromEnvironment(ROOT, Map.of("TIERFEED_API_PORT", "80a")))
                .isInstanceOf(StackException.class)
                .hasMessage("TIERFEED_API_PORT must be a port number (1-65535), was '80a'");
        StackSettings defaults = StackSettings.fromEnvironment(ROOT, Map.of());
        assertThat(defaults.apiPort()).isEqualTo(8080);
        assertThat(defaults.adminPort()).isEqualTo(8081);
        assertThat(defaults.s3Endpoint()).isEqualTo("http://127.0.0.1:9000");
        assertThat(defaults.home()).isEqualTo(ROOT.resolve(".tierfeed"));
        assertThat(defaults.cassandraContactPoint()).isEqualTo("127.0.0.1:9042");
        assertThat(defaults.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(defaults.replicationFactor()).isEqualTo(1);
    }

    @Test
    void clusterModeHasThreeNodesOnTheirOwnAddressesAndAHomeOfItsOwn() {
        StackSettings cluster = StackSettings.fromEnvironment(ROOT, Map.of("TIERFEED_CLUSTER", "true"));
        assertThat(cluster.clustered()).isTrue();
        assertThat(cluster.home()).isEqualTo(ROOT.resolve(".tierfeed-cluster"));
        assertThat(cluster.cassandraContactPoint()).isEqualTo("127.0.0.1:9042,127.0.0.2:9042,127.0.0.3:9042");
        assertThat(cluster.kafkaBootstrap()).isEqualTo("127.0.0.1:9092,127.0.0.2:9092,127.0.0.3:9092");
        assertThat(cluster.sparkMasterUrl()).isEqualTo("spark://127.0.0.1:7077");
        assertThat(cluster.applicationEnvironment()).containsEntry("TIERFEED_CASSANDRA_HOST", "127.0.0.1,127.0.0.2,127.0.0.3")
                .containsEntry("TIERFEED_REPLICATION_FACTOR", "3").containsEntry("TIERFEED_SPARK_MASTER", "spark://127.0.0.1:7077");
        assertThat(StackSettings.fromEnvironment(ROOT, Map.of("TIERFEED_CLUSTER", "true", "TIERFEED_HOME", "/tmp/elsewhere")).home())
                .isEqualTo(Path.of("/tmp/elsewhere"));
    }

    /** Test settings with Cassandra's heap and the start timeout replaced. */
    private StackSettings testSettings(String cassandraHeap, Duration startTimeout) {
        StackSettings valid = StackSettings.forTests(ROOT, home, Map.of());
        return new StackSettings(valid.root(), valid.home(), valid.cassandraPort(), valid.cassandraStoragePort(),
                valid.kafkaPort(), valid.kafkaControllerPort(), valid.apiPort(), valid.adminPort(), valid.s3Port(),
                cassandraHeap, valid.kafkaHeap(), valid.streamingHeap(), valid.servingHeap(), valid.batchHeap(), valid.s3Heap(),
                valid.sparkMaster(),
                startTimeout, valid.passThrough(), valid.cluster());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}

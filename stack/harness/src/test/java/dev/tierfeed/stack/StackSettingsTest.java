package dev.tierfeed.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the settings say each part of either topology answers. */
class StackSettingsTest {
    private static final Path ROOT = Path.of("/tmp/tierfeed-settings-test");

    @Test
    void theEmbeddedStackHasOneServiceAdminPort() {
        assertThat(StackSettings.fromEnvironment(ROOT, Map.of()).servingAdminUrls()).containsExactly("http://127.0.0.1:8081");
        assertThat(StackSettings.fromEnvironment(ROOT, Map.of("TIERFEED_ADMIN_PORT", "9181")).servingAdminUrls())
                .containsExactly("http://127.0.0.1:9181");
    }

    @Test
    void inClusterModeEachReplicaIsCountedAtItsOwnAdminPortNotTheBalancers() {
        StackSettings cluster = StackSettings.fromEnvironment(ROOT, Map.of("TIERFEED_CLUSTER", "true"));
        assertThat(cluster.servingAdminUrls()).hasSize(ClusterLayout.REPLICAS)
                .containsExactly("http://127.0.0.2:" + cluster.adminPort(), "http://127.0.0.3:" + cluster.adminPort())
                .doesNotContain("http://127.0.0.1:" + cluster.adminPort());
    }

    @Test
    void eachSparkWorkerIsFoundByTheAddressItRunsOn() {
        for (int n = 1; n <= ClusterLayout.SPARK_WORKERS; n++) {
            assertThat(ClusterLayout.sparkWorkerAt(ClusterLayout.sparkWorkerAddress(n))).isEqualTo("spark-worker-" + n);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClusterLayout.sparkWorkerAt("127.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.1");
    }
}

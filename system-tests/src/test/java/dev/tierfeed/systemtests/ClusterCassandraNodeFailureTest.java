package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cluster mode: one of the three Cassandra nodes is killed (kill -9) while posts are accepted and
 * feeds read. Every statement reaches a quorum of the two left, and the driver retries on them
 * what was in flight on the dead node (idempotent statements), so no request fails; the node comes
 * back, the others hand it the writes it missed (hints), and nothing is lost or doubled.
 */
@ExtendWith(TierfeedStackExtension.class)
class ClusterCassandraNodeFailureTest {

    @Test
    void aKilledNodeFailsNoRequestLosesNoPostAndCatchesUpWhenBack(TestStack stack) {
        Api api = Api.of(stack);
        ClusterWorld world = ClusterWorld.create(api, 3, 3);
        ClusterLoad load = world.killUnderLoad(stack, api, "cassandra-3");
        assertThat(load.failures()).as("requests that failed").isEmpty();
        try (CqlSession cql = Cql.open(stack)) {
            await("nodes 1 and 2 to have handed node 3 every write it missed").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> pendingHints(cql, "127.0.0.1") + pendingHints(cql, "127.0.0.2") == 0);
        }
        ClusterReconciliation.reconcile("cassandra-3 killed", stack, api, load, world.authors(), world.viewers());
    }

    /** Hints a node holds for others (its virtual table {@code system_views.pending_hints}, asked of that node). */
    private static long pendingHints(CqlSession cql, String host) {
        Node node = cql.getMetadata().getNodes().values().stream()
                .filter(n -> n.getEndPoint().resolve().toString().contains("/" + host + ":")).findFirst().orElseThrow();
        return cql.execute(SimpleStatement.newInstance("SELECT * FROM system_views.pending_hints").setNode(node)).all().size();
    }
}

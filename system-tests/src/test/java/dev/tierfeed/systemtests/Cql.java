package dev.tierfeed.systemtests;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.net.InetSocketAddress;

/** A CQL session on the test stack's real Cassandra, for looking at what the views hold. */
final class Cql {
    private Cql() {
    }

    static CqlSession open(TestStack stack) {
        return CqlSession.builder()
                .addContactPoints(stack.settings().nodeAddresses().stream()
                        .map(host -> new InetSocketAddress(host, stack.settings().cassandraPort())).toList())
                .withLocalDatacenter("datacenter1")
                .withKeyspace("tierfeed")
                .build();
    }
}

package dev.tierfeed.serving.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class CassandraSessionsTest {
    @Test
    void oneHostIsOneContactPoint() {
        assertThat(CassandraSessions.contactPoints("127.0.0.1", 9042)).containsExactly(new InetSocketAddress("127.0.0.1", 9042));
    }

    @Test
    void aClusterIsEveryNodeOnThePort() {
        assertThat(CassandraSessions.contactPoints("127.0.0.1, 127.0.0.2,127.0.0.3,", 19042)).containsExactly(
                new InetSocketAddress("127.0.0.1", 19042), new InetSocketAddress("127.0.0.2", 19042),
                new InetSocketAddress("127.0.0.3", 19042));
    }
}

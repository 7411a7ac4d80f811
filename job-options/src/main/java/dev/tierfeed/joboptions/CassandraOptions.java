package dev.tierfeed.joboptions;

import picocli.CommandLine.Option;

/** Where a Spark job finds Cassandra and which keyspace it works in. */
public final class CassandraOptions {
    @Option(names = "--cassandra-host", paramLabel = "HOST", defaultValue = "${env:TIERFEED_CASSANDRA_HOST:-127.0.0.1}",
            description = "a Cassandra contact point (TIERFEED_CASSANDRA_HOST; default ${DEFAULT-VALUE})")
    private String host;

    @Option(names = "--cassandra-port", paramLabel = "PORT", defaultValue = "${env:TIERFEED_CASSANDRA_PORT:-9042}",
            description = "Cassandra's native protocol port (TIERFEED_CASSANDRA_PORT; default ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--keyspace", paramLabel = "NAME", defaultValue = "${env:TIERFEED_KEYSPACE:-tierfeed}",
            description = "the keyspace (TIERFEED_KEYSPACE; default ${DEFAULT-VALUE})")
    private String keyspace;

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String keyspace() {
        return keyspace;
    }
}

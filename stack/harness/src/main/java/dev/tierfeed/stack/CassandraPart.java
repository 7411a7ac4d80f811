package dev.tierfeed.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Apache Cassandra 5.0 server in its own JVM, from the classpath that
 * {@code stack/cassandra-server} resolves, with a generated single-node cassandra.yaml.
 *
 * <p>The commit log is synced before a write is acknowledged ({@code commitlog_sync: batch}:
 * each sync takes every write waiting for it, with no fixed window), so an acknowledged write is
 * on disk; the periodic default could lose the last seconds of acknowledged writes if the node
 * dies, and {@code group} makes every write wait out its window. A write thread waits for the
 * sync that covers its write, so {@code concurrent_writes} is how many writes one sync can
 * take: with the usual 8, a node that syncs in about a millisecond tops out near 8,000 writes/s
 * whatever its CPU could do. Waiting threads cost no CPU, so the node gets many. The commit log
 * is written with direct I/O: through a memory map, first touches of each fresh segment's pages
 * cost the writing threads a fifth of the node's CPU. Compaction is throttled, so a burst of
 * writes is not slowed by compacting what it just wrote; it catches up afterwards. The fan-out
 * writes unlogged batches grouped by partition and replicas on purpose, so the warnings about
 * batches that span partitions are raised out of the way.
 */
final class CassandraPart extends Part {
    /** The JPMS openings of Cassandra's conf/jvm17-server.options, which is not in the jar. */
    private static final List<String> JAVA17_FLAGS = List.of(
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "-Djdk.attach.allowAttachSelf=true",
            "-Dio.netty.tryReflectionSetAccessible=true");

    private final String host;

    /** The embedded stack's single node. */
    CassandraPart(StackSettings settings) {
        super("cassandra", settings);
        this.host = ClusterLayout.NODES.get(0);
    }

    /**
     * Node {@code n} (1 to 3) of the cluster mode's ring, {@code cassandra-<n>} on the n-th loopback
     * address with the stack's ports; the first is the seed. A new ring's nodes start empty, so none
     * bootstraps (streams data from the others): each takes its tokens and joins.
     */
    CassandraPart(StackSettings settings, int n) {
        super("cassandra-" + n, settings);
        this.host = ClusterLayout.NODES.get(n - 1);
    }

    @Override
    String host() {
        return host;
    }

    @Override
    Map<Integer, String> ports() {
        return Map.of(settings.cassandraPort(), "Cassandra native protocol (TIERFEED_CASSANDRA_PORT)",
                settings.cassandraStoragePort(), "Cassandra storage (TIERFEED_CASSANDRA_STORAGE_PORT)");
    }

    @Override
    void prepare() throws IOException {
        super.prepare();
        write(conf().resolve("cassandra.yaml"), yaml());
        write(conf().resolve("logback.xml"), """
                <configuration>
                  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%date{HH:mm:ss.SSS} %-5level [%thread] %logger{20} %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="STDOUT"/></root>
                </configuration>
                """);
    }

    private Path conf() {
        return dir().resolve("conf");
    }

    private String yaml() {
        Path data = dir().resolve("data");
        return """
                cluster_name: tierfeed
                num_tokens: 16
                partitioner: org.apache.cassandra.dht.Murmur3Partitioner
                auto_bootstrap: false
                endpoint_snitch: SimpleSnitch
                seed_provider:
                  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                    parameters:
                      - seeds: "%s:%d"
                listen_address: %s
                rpc_address: %s
                storage_port: %d
                native_transport_port: %d
                start_native_transport: true
                data_file_directories:
                  - %s
                commitlog_directory: %s
                saved_caches_directory: %s
                hints_directory: %s
                cdc_raw_directory: %s
                authenticator: AllowAllAuthenticator
                authorizer: AllowAllAuthorizer
                commitlog_sync: batch
                commitlog_disk_access_mode: direct
                memtable_allocation_type: offheap_objects
                memtable_heap_space: 128MiB
                memtable_offheap_space: %s
                compaction_throughput: 16MiB/s
                key_cache_size: 16MiB
                counter_cache_size: 0MiB
                concurrent_compactors: 1
                concurrent_reads: 16
                concurrent_writes: 128
                auto_snapshot: false
                batch_size_warn_threshold: 256KiB
                batch_size_fail_threshold: 1024KiB
                unlogged_batch_across_partitions_warn_threshold: 1000
                """.formatted(
                ClusterLayout.NODES.get(0), settings.cassandraStoragePort(), host, host,
                settings.cassandraStoragePort(), settings.cassandraPort(),
                data.resolve("data"), data.resolve("commitlog"), data.resolve("saved_caches"),
                data.resolve("hints"), data.resolve("cdc_raw"),
                settings.clustered() ? "256MiB" : "512MiB"); // three nodes share the machine's memory
    }

    @Override
    List<String> jvmArguments() {
        List<String> args = new ArrayList<>(JAVA17_FLAGS);
        args.addAll(List.of(
                "-Dcassandra.config=" + conf().resolve("cassandra.yaml").toUri(),
                "-Dcassandra.storagedir=" + dir().resolve("data"),
                "-Dcassandra.logdir=" + dir().resolve("logs"),
                "-Dcassandra-foreground=yes",
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                "-Dlogback.configurationFile=" + conf().resolve("logback.xml"),
                "-Djava.net.preferIPv4Stack=true",
                "org.apache.cassandra.service.CassandraDaemon"));
        return args;
    }

    @Override
    String classpath() {
        return moduleClasspath("stack/cassandra-server");
    }

    @Override
    String heap() {
        return settings.cassandraHeap();
    }

    @Override
    boolean isReady() {
        return FreePorts.isListening(host, settings.cassandraPort());
    }
}

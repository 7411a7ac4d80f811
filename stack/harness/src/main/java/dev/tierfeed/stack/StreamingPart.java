package dev.tierfeed.stack;

import dev.tierfeed.core.StorageNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The speed layer: the Structured Streaming job in its own JVM, on a local Spark master (or, in
 * cluster mode, on the standalone master's workers). It is ready once its query has made progress,
 * which it marks with a file in its folder.
 *
 * <p>On one machine the job runs as two applications: {@code streaming}, the fan-out alone at normal
 * priority, and {@code analytics}, the ingest statistics and the lake, niced. In one JVM the other
 * two queries took the cores and the task slots from the fan-out's micro-batches: the statistics'
 * four micro-batches a second cost as much of the JVM as the fan-out's, and the lake's half-minute
 * batches made the fan-out's that overlapped them about three times slower. In cluster mode one
 * application runs all three on the workers' cores.
 */
final class StreamingPart extends Part {
    /** The analytics' CPU priority on one machine, unless TIERFEED_ANALYTICS_NICE says otherwise: they may lag under load, the fan-out may not. */
    static final int DEFAULT_ANALYTICS_NICE = 10;
    /** Spark 3.5 on Java 17 needs these openings (Spark's own JavaModuleOptions). */
    static final List<String> SPARK_JAVA17_FLAGS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false");

    private final List<String> queries;
    private final String niceSetting;
    private final int defaultNice;

    /** The streaming job's main application: the fan-out, and in cluster mode the ingest statistics and the lake too. */
    StreamingPart(StackSettings settings) {
        this(settings, "streaming", settings.clustered()
                ? List.of(StorageNames.FAN_OUT_QUERY, StorageNames.INGEST_STATS_QUERY, StorageNames.LAKE_QUERY)
                : List.of(StorageNames.FAN_OUT_QUERY), "TIERFEED_STREAMING_NICE", 0);
    }

    /** One machine's application of the ingest statistics and the lake. */
    static StreamingPart analytics(StackSettings settings) {
        return new StreamingPart(settings, "analytics", List.of(StorageNames.INGEST_STATS_QUERY, StorageNames.LAKE_QUERY),
                "TIERFEED_ANALYTICS_NICE", DEFAULT_ANALYTICS_NICE);
    }

    private StreamingPart(StackSettings settings, String name, List<String> queries, String niceSetting, int defaultNice) {
        super(name, settings);
        this.queries = queries;
        this.niceSetting = niceSetting;
        this.defaultNice = defaultNice;
    }

    /**
     * Where the job's checkpoints are, whichever application runs a query: the fan-out's folder
     * and, beside it, one per other query ({@code checkpoint-lake}, {@code checkpoint-ingest-stats}).
     */
    static Path checkpoint(StackSettings settings) {
        return settings.home().resolve("streaming").resolve("checkpoint");
    }

    @Override
    Map<Integer, String> ports() {
        return Map.of();
    }

    Path readyMarker() {
        return dir().resolve("ready");
    }

    @Override
    void prepare() throws IOException {
        super.prepare();
        Files.deleteIfExists(readyMarker());
    }

    @Override
    List<String> jvmArguments() {
        List<String> args = new ArrayList<>(SPARK_JAVA17_FLAGS);
        args.addAll(Stack.sparkClusterOptions(settings, classpath()));
        args.addAll(List.of(
                "-Dspark.master=" + settings.sparkMasterUrl(),
                "-Dspark.driver.bindAddress=127.0.0.1",
                "-Dspark.driver.host=127.0.0.1",
                "-Dspark.ui.enabled=false",
                "-Dspark.sql.shuffle.partitions=2",
                "dev.tierfeed.streaming.FanOutJob",
                "--queries", String.join(",", queries),
                "--ready-file", readyMarker().toString(),
                "--checkpoint", checkpoint(settings).toUri().toString()));
        return args;
    }

    /**
     * How much the application yields the CPU to the parts that answer requests (the session's whole
     * CPU group is niced, see {@link PartProcess#niceSession}), 0 to 19. The fan-out's
     * (TIERFEED_STREAMING_NICE) is 0 by default: at 10 a burst of posts is accepted faster and with a
     * shorter tail while its fan-out waits in Kafka, but every post then reaches feeds later under load
     * (the README has both figures); the delivery promise comes first. The analytics'
     * (TIERFEED_ANALYTICS_NICE) is {@value #DEFAULT_ANALYTICS_NICE}: under load the counts and the lake
     * fall behind and catch up when the load eases.
     * Cassandra, which does the fan-out's writes, keeps normal priority either way.
     */
    @Override
    int niceness() {
        String value = settings.passThrough().getOrDefault(niceSetting, String.valueOf(defaultNice));
        try {
            int nice = Integer.parseInt(value.trim());
            if (nice < 0 || nice > 19) {
                throw new NumberFormatException();
            }
            return nice;
        } catch (NumberFormatException e) {
            throw new StackException(niceSetting + " must be a whole number from 0 to 19, was '" + value + "'");
        }
    }

    @Override
    Map<String, String> environment() {
        return settings.applicationEnvironment();
    }

    @Override
    String classpath() {
        return moduleClasspath("streaming");
    }

    @Override
    String heap() {
        return settings.streamingHeap();
    }

    @Override
    boolean isReady() {
        return Files.exists(readyMarker());
    }
}

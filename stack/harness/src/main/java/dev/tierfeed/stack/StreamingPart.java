package dev.tierfeed.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The speed layer: the Structured Streaming job on a local Spark master in its own JVM. It is
 * ready once its query has made progress, which it marks with a file in its folder.
 */
final class StreamingPart extends Part {
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

    StreamingPart(StackSettings settings) {
        super("streaming", settings);
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
                "--ready-file", readyMarker().toString(),
                "--checkpoint", dir().resolve("checkpoint").toUri().toString()));
        return args;
    }

    /**
     * How much the fan-out yields the CPU to the parts that answer requests (TIERFEED_STREAMING_NICE,
     * 0 to 19, default 0; the session's whole CPU group is niced, see {@link PartProcess#niceSession}).
     * At 10 a burst of posts is accepted faster and with a shorter tail while its fan-out waits in
     * Kafka, but every post then reaches feeds later under load (the README has both figures); the
     * delivery promise comes first, so the default is not to yield. Cassandra, which does the
     * fan-out's writes, keeps normal priority either way.
     */
    @Override
    int niceness() {
        String value = settings.passThrough().getOrDefault("TIERFEED_STREAMING_NICE", "0");
        try {
            int nice = Integer.parseInt(value.trim());
            if (nice < 0 || nice > 19) {
                throw new NumberFormatException();
            }
            return nice;
        } catch (NumberFormatException e) {
            throw new StackException("TIERFEED_STREAMING_NICE must be a whole number from 0 to 19, was '" + value + "'");
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

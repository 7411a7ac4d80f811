package dev.tierfeed.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Worker {@code n} of the cluster mode's Spark standalone cluster, {@code spark-worker-<n>}, on a
 * loopback address of its own (the second and third), offering {@link ClusterLayout#WORKER_CORES}
 * cores. It starts executors through Spark's launcher, which wants a Spark home with a {@code jars}
 * folder: the stack makes one with that folder empty, and each application hands its executors its
 * own classpath ({@code spark.executor.extraClassPath}), as {@link Stack#sparkClusterOptions} sets.
 * An executor exits when its worker dies.
 */
final class SparkWorkerPart extends SparkDaemonPart {
    private final String host;

    SparkWorkerPart(StackSettings settings, int n) {
        super("spark-worker-" + n, settings);
        this.host = ClusterLayout.sparkWorkerAddress(n);
    }

    @Override
    String host() {
        return host;
    }

    @Override
    Map<Integer, String> ports() {
        return Map.of();
    }

    private Path sparkHome() {
        return settings.home().resolve("spark-home");
    }

    @Override
    void prepare() throws IOException {
        super.prepare();
        Files.createDirectories(sparkHome().resolve("jars"));
        Files.createDirectories(dir().resolve("work"));
    }

    @Override
    List<String> jvmArguments() {
        List<String> args = new ArrayList<>(StreamingPart.SPARK_JAVA17_FLAGS);
        args.addAll(List.of(
                // the worker sends heartbeats at a quarter of its own timeout: it must be the master's, or the master drops it
                "-Dspark.worker.timeout=" + SparkMasterPart.WORKER_TIMEOUT_SECONDS,
                "-Dspark.worker.cleanup.enabled=true",
                "org.apache.spark.deploy.worker.Worker",
                "--host", host, "--webui-port", "0",
                "--cores", Integer.toString(ClusterLayout.WORKER_CORES),
                "--memory", workerMemory(settings),
                "--work-dir", dir().resolve("work").toString(),
                settings.sparkMasterUrl()));
        return args;
    }

    /** Room for an executor on each of its cores ({@link ClusterLayout#WORKER_CORES}) with some to spare. */
    static String workerMemory(StackSettings settings) {
        return (ClusterLayout.WORKER_CORES * megabytes(settings.cluster().executorHeap()) + 512) + "m";
    }

    static long megabytes(String heap) {
        String value = heap.trim().toLowerCase(java.util.Locale.ROOT);
        long number = Long.parseLong(value.replaceAll("[kmg]$", ""));
        return value.endsWith("g") ? number * 1024 : value.endsWith("k") ? number / 1024 : number;
    }

    @Override
    Map<String, String> environment() {
        Map<String, String> environment = super.environment();
        environment.put("SPARK_HOME", sparkHome().toString());
        return environment;
    }

    /** Ready once the master lists this worker as alive. */
    @Override
    boolean isReady() {
        return SparkMasterPart.state(settings).map(json -> {
            for (var worker : json.path("workers")) {
                if (host.equals(worker.path("host").asText()) && "ALIVE".equals(worker.path("state").asText())) {
                    return true;
                }
            }
            return false;
        }).orElse(false);
    }
}

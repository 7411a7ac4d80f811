package dev.tierfeed.bench;

import dev.tierfeed.stack.StackSettings;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Which running stack a benchmark measures: its API, its admin port and its folder (where the pids are). */
final class StackTarget {
    @Option(names = "--api", paramLabel = "URL", defaultValue = "http://127.0.0.1:${env:TIERFEED_API_PORT:-8080}",
            description = "the running stack's API (default: ${DEFAULT-VALUE})")
    String api;

    @Option(names = "--admin", paramLabel = "URL", defaultValue = "http://127.0.0.1:${env:TIERFEED_ADMIN_PORT:-8081}",
            description = "its admin port, for /ping and /metrics (default: ${DEFAULT-VALUE})")
    String admin;

    /** The stack's settings, as bin/tierfeed up read them from the environment. */
    private static StackSettings settings() {
        Path root = Path.of(System.getProperty("tierfeed.root", ".")).toAbsolutePath().normalize();
        return StackSettings.fromEnvironment(root, System.getenv());
    }

    /** The stack's folder, as bin/tierfeed up chose it (TIERFEED_HOME or .tierfeed). */
    Path home() {
        return settings().home();
    }

    /**
     * The admin port of every service behind the API, for counters that each replica keeps of its own
     * requests: {@code --admin} itself, or in cluster mode each replica's (the balancer's admin port
     * shows one replica's counters at a time).
     */
    List<String> serviceAdmins() {
        StackSettings settings = settings();
        return settings.clustered() ? settings.servingAdminUrls() : List.of(admin);
    }

    /** The sum of a counter over {@link #serviceAdmins()}. */
    double servicesTotal(String metric) {
        return serviceAdmins().stream().mapToDouble(url -> Scrape.value(url, metric)).sum();
    }

    /** The same load against the admin port's /ping, in the same run: what the load generator and the HTTP layer can do at most. */
    Wrk.Result ping(int connections, java.time.Duration duration) throws Exception {
        return Wrk.run(admin + "/ping", connections, duration, null);
    }

    /** The benchmarks' client of this stack's API, with the operator's token of the stack's folder (or TIERFEED_OPERATOR_TOKEN). */
    BenchApi client() {
        return new BenchApi(api, settings().operatorToken());
    }

    /** Waits until the fan-out has caught up with the log; returns how long that took. */
    java.time.Duration awaitFanOut(java.time.Duration atMost) {
        long started = System.nanoTime();
        while (Scrape.value(admin, "tierfeed_streaming_lag_records") > 0) {
            if (System.nanoTime() - started > atMost.toNanos()) {
                throw new IllegalStateException("the fan-out did not catch up within " + atMost);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(java.time.Duration.ofMillis(100).toNanos());
        }
        return java.time.Duration.ofNanos(System.nanoTime() - started);
    }
}

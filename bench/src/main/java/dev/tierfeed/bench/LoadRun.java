package dev.tierfeed.bench;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * A measured wrk load, as the ingest and read benchmarks run it: a warm-up first (not measured),
 * the admin {@code /ping} under the same load as the baseline, then the load itself with what
 * every part of the stack spent on it. Either as fast as the connections go (a closed loop: the
 * most the stack serves, and its latency at saturation), or at a fixed rate ({@code --rate}: the
 * latency at that load, timed from when each request was due).
 */
final class LoadRun {
    @Option(names = "--connections", defaultValue = "64", description = "concurrent connections (default: ${DEFAULT-VALUE})")
    int connections;
    @Option(names = "--duration", defaultValue = "30", description = "seconds of measured load (default: ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--warmup", defaultValue = "10", description = "seconds of load first, not measured (default: ${DEFAULT-VALUE})")
    int warmupSeconds;
    @Option(names = "--rate", defaultValue = "0", description = "requests per second in all, on a fixed schedule, latency timed from "
            + "when each was due; 0: as fast as the connections go (default: ${DEFAULT-VALUE})")
    double rate;

    /** What a measured load gave; {@code rated} is null for a closed loop. */
    record Measured(Wrk.Result load, Wrk.Rated rated, Wrk.Result ping, String cost) {
        String summary() {
            return rated == null ? load.summary() : rated.summary();
        }
    }

    String describe() {
        return rate > 0 ? String.format(Locale.ROOT, "%,.0f requests/s on a schedule over %d connections", rate, connections)
                : connections + " connections as fast as they go";
    }

    void warmUp(String url, String script) throws Exception {
        if (rate > 0) {
            Wrk.runAtRate(url, connections, Duration.ofSeconds(warmupSeconds), script, rate);
        } else {
            Wrk.run(url, connections, Duration.ofSeconds(warmupSeconds), script);
        }
    }

    Measured measure(StackTarget stack, String url, String script) throws Exception {
        Wrk.Result ping = stack.ping(connections, Duration.ofSeconds(seconds));
        try (StackUsage usage = StackUsage.start(stack.home())) {
            if (rate > 0) {
                Wrk.Rated rated = Wrk.runAtRate(url, connections, Duration.ofSeconds(seconds), script, rate);
                return new Measured(rated.scheduled(), rated, ping, usage.report());
            }
            Wrk.Result load = Wrk.run(url, connections, Duration.ofSeconds(seconds), script);
            return new Measured(load, null, ping, usage.report());
        }
    }
}

package dev.tierfeed.bench;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * A measured wrk load, as the ingest and read benchmarks run it: a warm-up first (not measured),
 * the admin {@code /ping} under the same load as the baseline, then the load itself with what
 * every part of the stack spent on it.
 */
final class LoadRun {
    @Option(names = "--connections", defaultValue = "64", description = "concurrent connections (default: ${DEFAULT-VALUE})")
    int connections;
    @Option(names = "--duration", defaultValue = "30", description = "seconds of measured load (default: ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--warmup", defaultValue = "10", description = "seconds of load first, not measured (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    /** What a measured load gave. */
    record Measured(Wrk.Result load, Wrk.Result ping, String cost) {
    }

    void warmUp(String url, String script) throws Exception {
        Wrk.run(url, connections, Duration.ofSeconds(warmupSeconds), script);
    }

    Measured measure(StackTarget stack, String url, String script) throws Exception {
        Wrk.Result ping = stack.ping(connections, Duration.ofSeconds(seconds));
        try (StackUsage usage = StackUsage.start(stack.home())) {
            Wrk.Result load = Wrk.run(url, connections, Duration.ofSeconds(seconds), script);
            return new Measured(load, ping, usage.report());
        }
    }
}

package dev.tierfeed.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (the HTTP load generator, a Debian package; {@code bin/tierfeed bench} installs it when
 * missing) with a Lua script and reads its report: requests per second, latency percentiles and
 * errors. wrk is small and written in C, so the load generator takes little of the cores it shares
 * with the stack; each benchmark also measures {@code /ping} in the same run to show its ceiling.
 */
final class Wrk {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("([0-9]+) requests in");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: ([0-9]+)");
    private static final Pattern SOCKET = Pattern.compile("Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");

    /** What wrk measured. */
    record Result(double requestsPerSecond, long requests, double p50Millis, double p90Millis, double p99Millis, long errors) {
        String summary() {
            return String.format(Locale.ROOT, "%,.0f req/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, %d errors (of %,d)",
                    requestsPerSecond, p50Millis, p90Millis, p99Millis, errors, requests);
        }
    }

    private Wrk() {
    }

    /** Runs wrk against {@code url} with {@code connections} connections for {@code duration}; the script may be null. */
    static Result run(String url, int connections, Duration duration, String luaScript) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s", "--latency",
                "--timeout", "10s"));
        Path script = null;
        if (luaScript != null) {
            script = Files.createTempFile("tierfeed-bench", ".lua");
            Files.writeString(script, luaScript);
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        try {
            Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
            String report = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (wrk.waitFor() != 0) {
                throw new IllegalStateException("wrk failed:\n" + report);
            }
            return parse(report);
        } finally {
            if (script != null) {
                Files.deleteIfExists(script);
            }
        }
    }

    static Result parse(String report) {
        double[] percentiles = new double[4];
        Matcher p = PERCENTILE.matcher(report);
        while (p.find()) {
            double value = Double.parseDouble(p.group(2)) * switch (p.group(3)) {
                case "us" -> 0.001;
                case "s" -> 1000.0;
                default -> 1.0;
            };
            percentiles[switch (p.group(1)) { case "50" -> 0; case "75" -> 1; case "90" -> 2; default -> 3; }] = value;
        }
        long errors = find(NON_2XX, report, 1);
        Matcher socket = SOCKET.matcher(report);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(socket.group(i));
            }
        }
        Matcher rate = RATE.matcher(report);
        if (!rate.find()) {
            throw new IllegalStateException("no rate in wrk's report:\n" + report);
        }
        return new Result(Double.parseDouble(rate.group(1)), find(TOTAL, report, 1), percentiles[0], percentiles[2], percentiles[3], errors);
    }

    private static long find(Pattern pattern, String text, int group) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(group)) : 0;
    }

    /** A Lua list literal of strings, for scripts that pick a random element per request. */
    static String luaList(List<String> values) {
        return "{" + String.join(",", values.stream().map(v -> "\"" + v + "\"").toList()) + "}";
    }
}

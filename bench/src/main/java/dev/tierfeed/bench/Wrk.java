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
    private static final Pattern RATED = Pattern.compile(
            "^rated: n ([0-9]+) failed ([0-9]+) p50 ([0-9.]+) p90 ([0-9.]+) p99 ([0-9.]+) max ([0-9.]+)$", Pattern.MULTILINE);

    /** What wrk measured. */
    record Result(double requestsPerSecond, long requests, double p50Millis, double p90Millis, double p99Millis, long errors) {
        String summary() {
            return String.format(Locale.ROOT, "%,.0f req/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, %d errors (of %,d)",
                    requestsPerSecond, p50Millis, p90Millis, p99Millis, errors, requests);
        }
    }

    /**
     * A load at a fixed rate: {@code scheduled} is timed from the moment each request was due
     * (corrected for coordinated omission), {@code sent} is wrk's own timing from the moment it was
     * actually sent; they differ when the server falls behind the schedule.
     */
    record Rated(double targetPerSecond, Result scheduled, Result sent, double maxMillis) {
        String summary() {
            return String.format(Locale.ROOT, "%,.0f req/s (target %,.0f), from the scheduled start: p50 %.1f ms, p90 %.1f ms, "
                    + "p99 %.1f ms, max %.1f ms, %d errors (of %,d); wrk's own timing from the send: p50 %.1f ms, p99 %.1f ms",
                    scheduled.requestsPerSecond(), targetPerSecond, scheduled.p50Millis(), scheduled.p90Millis(), scheduled.p99Millis(),
                    maxMillis, scheduled.errors(), scheduled.requests(), sent.p50Millis(), sent.p99Millis());
        }
    }

    private Wrk() {
    }

    /** Runs wrk against {@code url} with {@code connections} connections for {@code duration}; the script may be null. */
    static Result run(String url, int connections, Duration duration, String luaScript) throws IOException, InterruptedException {
        return parse(report(url, 2, connections, duration, luaScript));
    }

    /**
     * Runs wrk at {@code perSecond} requests a second in all, spread evenly over {@code connections}
     * connections (each on a thread of its own, so that the script's state is the connection's): each
     * connection sends its requests on a fixed schedule, phases staggered, and every answer is timed
     * from the moment its request was due, as wrk2 does, not from when it could be sent. A server that
     * stalls so shows the whole wait of the requests it held up, which a closed loop would not send and
     * so not count. {@code luaScript} must define {@code request()}; the pacing is added to it.
     */
    static Rated runAtRate(String url, int connections, Duration duration, String luaScript, double perSecond)
            throws IOException, InterruptedException {
        String report = report(url, connections, connections, duration, luaScript + pacing(connections / perSecond * 1_000_000, connections));
        Result sent = parse(report);
        Matcher rated = RATED.matcher(report);
        if (!rated.find()) {
            throw new IllegalStateException("no rated summary in wrk's report:\n" + report);
        }
        long answered = Long.parseLong(rated.group(1));
        long errors = Long.parseLong(rated.group(2)) + socketErrors(report);
        Result scheduled = new Result(answered / (double) duration.toSeconds(), answered, Double.parseDouble(rated.group(3)),
                Double.parseDouble(rated.group(4)), Double.parseDouble(rated.group(5)), errors);
        return new Rated(perSecond, scheduled, sent, Double.parseDouble(rated.group(6)));
    }

    /** The Lua that paces a connection-per-thread wrk run and times each answer from its scheduled start. */
    static String pacing(double intervalMicros, int connections) {
        return """

                -- pacing: one connection per thread, a request due every interval, answers timed from when they were due
                local ffi = require("ffi")
                ffi.cdef[[
                typedef struct { long tv_sec; long tv_nsec; } tierfeed_timespec;
                int clock_gettime(int clock, tierfeed_timespec *now);
                ]]
                local clock = ffi.new("tierfeed_timespec")
                local function now_us()
                  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
                  return tonumber(clock.tv_sec) * 1000000 + tonumber(clock.tv_nsec) / 1000
                end
                local interval_us = %.3f
                local due, next_due, sent_at = 0, nil, 0
                latencies, failures = {}, 0
                local unpaced_request = request
                request = function()
                  sent_at = now_us()
                  return unpaced_request()
                end
                delay = function()
                  local now = now_us()
                  if next_due == nil then
                    next_due = now + interval_us * (index - 1) / connections
                  end
                  due = next_due
                  next_due = next_due + interval_us
                  if due <= now then return 0 end
                  return math.floor((due - now) / 1000)
                end
                response = function(status, headers, body)
                  latencies[#latencies + 1] = now_us() - math.min(due, sent_at)
                  if status >= 300 then failures = failures + 1 end
                end
                init = function(args)
                  math.randomseed(os.time() * 1000 + index)
                end
                local threads = {}
                setup = function(thread)
                  threads[#threads + 1] = thread
                  thread:set("index", #threads)
                  thread:set("connections", %d)
                end
                done = function(summary, latency, requests)
                  local all, failed = {}, 0
                  for _, thread in ipairs(threads) do
                    local own = thread:get("latencies")
                    for i = 1, #own do all[#all + 1] = own[i] end
                    failed = failed + thread:get("failures")
                  end
                  table.sort(all)
                  local function at(p)
                    if #all == 0 then return 0 end
                    return all[math.max(1, math.ceil(#all * p))] / 1000
                  end
                  io.write(string.format("rated: n %%d failed %%d p50 %%.3f p90 %%.3f p99 %%.3f max %%.3f\\n",
                    #all, failed, at(0.5), at(0.9), at(0.99), at(1)))
                end
                """.formatted(intervalMicros, connections);
    }

    private static String report(String url, int threads, int connections, Duration duration, String luaScript)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--latency", "--timeout", "10s"));
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
            return report;
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
        long errors = find(NON_2XX, report, 1) + socketErrors(report);
        Matcher rate = RATE.matcher(report);
        if (!rate.find()) {
            throw new IllegalStateException("no rate in wrk's report:\n" + report);
        }
        return new Result(Double.parseDouble(rate.group(1)), find(TOTAL, report, 1), percentiles[0], percentiles[2], percentiles[3], errors);
    }

    private static long socketErrors(String report) {
        long errors = 0;
        Matcher socket = SOCKET.matcher(report);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(socket.group(i));
            }
        }
        return errors;
    }

    private static long find(Pattern pattern, String text, int group) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(group)) : 0;
    }
}

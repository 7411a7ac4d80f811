package dev.tierfeed.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a benchmark run cost the stack: the CPU seconds each part used, the peak resident memory of
 * each (sampled twice a second), and how much the stack's folder grew on disk. Read from
 * {@code /proc} for the pids the stack launcher recorded; Linux only, as the stack is.
 */
final class StackUsage implements AutoCloseable {
    static final List<String> PARTS = List.of("cassandra", "kafka", "s3", "streaming", "serving");
    private static final long TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the stack runs on

    private final Path home;
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Long> ticksAtStart = new LinkedHashMap<>();
    private final Map<String, Long> peakRssKb = new LinkedHashMap<>();
    private final long bytesAtStart;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stack-usage");
        thread.setDaemon(true);
        return thread;
    });

    private StackUsage(Path home) {
        this.home = home;
        for (String part : PARTS) {
            pid(part).ifPresent(pid -> {
                pids.put(part, pid);
                ticksAtStart.put(part, ticks(pid));
                peakRssKb.put(part, rssKb(pid));
            });
        }
        this.bytesAtStart = bytes(home);
        sampler.scheduleAtFixedRate(this::sample, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** Starts measuring the stack whose state lives in {@code home}. */
    static StackUsage start(Path home) {
        return new StackUsage(home);
    }

    /** Stops measuring and describes the cost, a line per part. */
    String report() {
        sampler.shutdownNow();
        StringBuilder report = new StringBuilder("cost of the run:\n");
        pids.forEach((part, pid) -> report.append(String.format(Locale.ROOT, "  %-10s %6.1f CPU s, peak RSS %,5d MiB%n", part,
                (ticks(pid) - ticksAtStart.get(part)) / (double) TICKS_PER_SECOND, peakRssKb.get(part) / 1024)));
        report.append(String.format(Locale.ROOT, "  disk: %s grew by %,.1f MiB%n", home, (bytes(home) - bytesAtStart) / 1048576.0));
        return report.toString();
    }

    /** The resident memory of every part now, on one line: whether memory stays flat through a long run. */
    String residentNow() {
        StringBuilder line = new StringBuilder();
        pids.forEach((part, pid) -> line.append(line.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %,d MiB", part, rssKb(pid) / 1024)));
        return line.toString();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }

    private synchronized void sample() {
        pids.forEach((part, pid) -> peakRssKb.merge(part, rssKb(pid), Math::max));
    }

    private java.util.Optional<Long> pid(String part) {
        Path file = home.resolve("run").resolve(part + ".pid");
        try {
            return Files.exists(file) ? java.util.Optional.of(Long.parseLong(Files.readString(file).trim())) : java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** utime + stime of the process, from /proc/PID/stat (fields 14 and 15, after the command in parentheses). */
    private static long ticks(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long rssKb(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "status")).lines().filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
    }

    private static long bytes(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // deleted while walking (a compaction, a segment roll)
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}

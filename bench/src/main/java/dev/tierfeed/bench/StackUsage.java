package dev.tierfeed.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a benchmark run cost the stack: the CPU seconds each part used, the peak resident memory of
 * each (sampled twice a second), and how much the stack's folder grew on disk. Read from
 * {@code /proc} for the pids the stack launcher recorded (every part of the embedded stack or of
 * the cluster mode's); a part's processes are its own and its children's (a Spark worker's
 * executors). Linux only, as the stack is.
 */
final class StackUsage implements AutoCloseable {
    private static final long TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the stack runs on

    private final Path home;
    private final Map<String, Long> pids = new java.util.TreeMap<>();
    /** CPU ticks of each process (a part's or one of its children's) when the run started. */
    private final Map<Long, Long> ticksAtStart = new java.util.HashMap<>();
    private final Map<String, Long> peakRssKb = new LinkedHashMap<>();
    private final long bytesAtStart;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stack-usage");
        thread.setDaemon(true);
        return thread;
    });

    private StackUsage(Path home) {
        this.home = home;
        pids.putAll(recordedPids(home));
        pids.forEach((part, pid) -> {
            processes(pid).forEach(process -> ticksAtStart.put(process, ticks(process)));
            peakRssKb.put(part, rssKb(pid));
        });
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
        pids.forEach((part, pid) -> report.append(String.format(Locale.ROOT, "  %-14s %6.1f CPU s, peak RSS %,5d MiB%n", part,
                processes(pid).map(process -> Math.max(0, ticks(process) - ticksAtStart.getOrDefault(process, 0L))).sum() / (double) TICKS_PER_SECOND,
                peakRssKb.get(part) / 1024)));
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

    /** Each part's pid, from the pid files the stack launcher keeps in its folder's {@code run/}. */
    private static Map<String, Long> recordedPids(Path home) {
        Map<String, Long> pids = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(home.resolve("run"))) {
            files.filter(file -> file.getFileName().toString().endsWith(".pid")).forEach(file -> {
                String part = file.getFileName().toString().replaceFirst("\\.pid$", "");
                pids.put(part, Long.parseLong(read(file).trim()));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("no stack in " + home, e);
        }
        return pids;
    }

    /** The part's process and its children's, alive now. */
    private static java.util.stream.LongStream processes(long pid) {
        return ProcessHandle.of(pid).map(handle -> java.util.stream.LongStream.concat(java.util.stream.LongStream.of(pid),
                handle.descendants().mapToLong(ProcessHandle::pid))).orElse(java.util.stream.LongStream.empty());
    }

    /** utime + stime of the process, from /proc/PID/stat (fields 14 and 15, after the command in parentheses). */
    private static long ticks(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        if (stat.isEmpty()) {
            return 0; // gone
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Resident memory of the part's processes (its own and its children's). */
    private static long rssKb(long pid) {
        return processes(pid).map(process -> read(Path.of("/proc", Long.toString(process), "status")).lines()
                .filter(line -> line.startsWith("VmRSS:")).mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(0L))
                .sum();
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

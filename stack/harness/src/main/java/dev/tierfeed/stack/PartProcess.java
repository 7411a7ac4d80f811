package dev.tierfeed.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operating-system side of a part: starts its JVM detached from the caller (its own
 * session, output appended to its log), records the pid, finds it again, stops it.
 */
final class PartProcess {
    private static final boolean HAS_SETSID = Files.isExecutable(Path.of("/usr/bin/setsid"));
    private static final boolean HAS_NICE = Files.isExecutable(Path.of("/usr/bin/nice"));

    private PartProcess() {
    }

    static Path logFile(StackSettings settings, String name) {
        return settings.home().resolve("logs").resolve(name + ".log");
    }

    static Path pidFile(StackSettings settings, String name) {
        return settings.home().resolve("run").resolve(name + ".pid");
    }

    /** The running process of this part, if its pid file names a live process started for it. */
    static Optional<ProcessHandle> running(Part part) {
        Path pidFile = pidFile(part.settings, part.name());
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> isStartedFor(pid, part));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Guards against a reused pid: the command line must carry this part's marker. */
    private static boolean isStartedFor(long pid, Part part) {
        try {
            String cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
            return java.util.Arrays.asList(cmdline.split("\0")).contains(part.marker());
        } catch (IOException e) {
            return false;
        }
    }

    static ProcessHandle start(Part part) throws IOException {
        Path log = logFile(part.settings, part.name());
        Files.createDirectories(log.getParent());
        Files.createDirectories(pidFile(part.settings, part.name()).getParent());
        List<String> command = new ArrayList<>();
        if (HAS_SETSID) {
            command.add("/usr/bin/setsid"); // a terminal's hang-up must not take the stack down with it
        }
        if (part.niceness() > 0 && HAS_NICE) {
            command.addAll(List.of("/usr/bin/nice", "-n", Integer.toString(part.niceness())));
        }
        command.addAll(part.command());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(part.dir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(part.environment());
        Files.writeString(log, "\n==== starting " + part.name() + " at " + java.time.Instant.now() + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Process process = builder.start();
        Files.writeString(pidFile(part.settings, part.name()), Long.toString(process.pid()));
        if (part.niceness() > 0) {
            niceSession(process.pid(), part.niceness(), log);
        }
        return process.toHandle();
    }

    /**
     * Under Linux's autogroup scheduling (on by default in many distributions' kernels) the CPU is
     * shared between sessions first, and a thread's nice value only counts against threads of its
     * own session. A part runs in a session of its own, so its nice value alone would change
     * nothing: the session's group is given the same niceness through {@code /proc/PID/autogroup}.
     * It waits until setsid has made the part a session of its own, so that the caller's session is
     * never the one niced. Without autogroup (no such file) the nice value is all there is.
     */
    static void niceSession(long pid, int niceness, Path log) throws IOException {
        Path autogroup = Path.of("/proc", Long.toString(pid), "autogroup");
        if (!Files.exists(autogroup)) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sessionOf(pid).orElse(-1L) != pid) {
            if (!HAS_SETSID || System.nanoTime() > deadline || ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return; // not a session of its own: its threads' nice value is what applies
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            Files.writeString(autogroup, Integer.toString(niceness));
        } catch (IOException e) {
            Files.writeString(log, "could not set the niceness of the session's CPU group: " + e + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }
    }

    /** The session id of a process, from {@code /proc/PID/stat} (empty when it is gone). */
    static java.util.OptionalLong sessionOf(long pid) {
        try {
            return sessionField(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /** The fourth field after the command name (which may hold spaces and parentheses) of a stat line. */
    static java.util.OptionalLong sessionField(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return fields.length > 3 ? java.util.OptionalLong.of(Long.parseLong(fields[3])) : java.util.OptionalLong.empty();
    }

    /** Asks the process to stop, waits for it to exit, and kills it if it will not. */
    static void stop(ProcessHandle process, Duration grace) {
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            process.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    static void forget(Part part) {
        try {
            Files.deleteIfExists(pidFile(part.settings, part.name()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of a log, to show why something failed. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}

package dev.tierfeed.systemtests;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a tool of a test (pytest, Schemathesis, papermill, Playwright, their set-up scripts) to its end, its output in a log file. */
final class Processes {
    private Processes() {
    }

    /** The tool's exit status; it is killed, and the test fails, if it has not ended within {@code limit}. */
    static int run(Path dir, List<String> command, Map<String, String> env, Path log, Duration limit) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + limit.toMinutes() + " minutes; see " + log);
        }
        return process.exitValue();
    }
}

package dev.tierfeed.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code bin/tierfeed} answers and how it exits, on a stack that is not running. */
class StackCliTest {
    private static final Path ROOT = Path.of(System.getProperty("tierfeed.root", "../..")).toAbsolutePath().normalize();

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void helpListsEveryCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: bin/tierfeed", "up", "down", "status", "logs", "batch", "stats", "lake");
    }

    @Test
    void eachCommandHasHelp() {
        assertThat(run("batch", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: bin/tierfeed batch", "--as-of=INSTANT");
        assertThat(run("logs", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: bin/tierfeed logs", "PART");
    }

    @Test
    void versionIsTheProjectsVersion() {
        assertThat(run("status", "--version")).isZero();
        assertThat(out.toString()).startsWith("tierfeed 0.").doesNotContain("${");
    }

    @Test
    void noCommandAnUnknownOneAndABadOptionAreBadUsage() {
        assertThat(run()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("start")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("batch", "--as-of", "yesterday")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("stats", "5s")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("resolution must be one of 10ms, 1s, 1m, was '5s'");
        assertThat(run("stats", "1s", "--last", "0")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Usage: bin/tierfeed", "must be an ISO-8601 instant such as 2026-11-22T00:00:00Z, was 'yesterday'");
    }

    @Test
    void statusExitsWith3WhenAPartIsDown() {
        assertThat(run("status")).isEqualTo(StackCli.PART_DOWN);
    }

    @Test
    void aFailureIsOneLineAndExitsWith1() {
        assertThat(run("logs", "zookeeper")).isEqualTo(StackCli.FAILED);
        assertThat(err.toString()).isEqualTo("tierfeed: no part named 'zookeeper'; parts: cassandra, kafka, s3, streaming, analytics, serving, migrate"
                + System.lineSeparator());
    }

    private int run(String... args) {
        CommandLine cli = StackCli.commandLine(() -> StackSettings.forTests(ROOT, home, Map.of()));
        return cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }
}

package dev.tierfeed.joboptions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierfeed.core.TierRules;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class JobArgumentsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Command(name = "SomeJob", mixinStandardHelpOptions = true, description = "does something")
    static final class SomeJob {
        @Option(names = "--as-of", required = true)
        java.time.Instant asOf;
        @Mixin
        CassandraOptions cassandra;
        @Mixin
        TierRuleOptions rules;
    }

    @Test
    void flagsSetTheRulesAndUnsetOnesTakeTheirDefaults() {
        SomeJob job = new SomeJob();
        assertThat(parse(job, "--as-of", "2026-11-22T00:00:00Z", "--standard-retention", "PT20S", "--keyspace", "other"))
                .isEqualTo(JobArguments.Result.PARSED);
        // the test JVM has no TIERFEED_* variables, so the defaults apply
        assertThat(job.rules.rules()).isEqualTo(new TierRules(Duration.ofSeconds(20), Duration.ofHours(24), Duration.ofSeconds(60), Duration.ofDays(3)));
        assertThat(job.cassandra.keyspace()).isEqualTo("other");
        assertThat(job.cassandra.host()).isEqualTo("127.0.0.1");
        assertThat(job.cassandra.port()).isEqualTo(9042);
    }

    @Test
    void aMissingOrMalformedArgumentIsRefusedWithTheUsage() {
        assertThat(parse(new SomeJob())).isEqualTo(JobArguments.Result.REFUSED);
        assertThat(text(err)).contains("Missing required option: '--as-of=<asOf>'").contains("Usage: SomeJob");
        err.reset();
        assertThat(parse(new SomeJob(), "--as-of", "2026-11-22T00:00:00Z", "--free-retention", "24h")).isEqualTo(JobArguments.Result.REFUSED);
        assertThat(text(err)).contains("--free-retention").contains("24h");
    }

    @Test
    void settingsTheRulesRefuseAreRefusedToo() {
        assertThat(parse(new SomeJob(), "--as-of", "2026-11-22T00:00:00Z", "--presence-window", "PT0S")).isEqualTo(JobArguments.Result.REFUSED);
        assertThat(text(err)).contains("presence window must be a positive duration, was PT0S");
    }

    @Test
    void helpPrintsTheUsageWithEveryVariable() {
        assertThat(parse(new SomeJob(), "--help")).isEqualTo(JobArguments.Result.HELP);
        assertThat(text(out)).contains("--standard-retention=DURATION").contains("TIERFEED_STANDARD_RETENTION; default P7D")
                .contains("TIERFEED_CASSANDRA_HOST;").contains("TIERFEED_PREMIUM_SPEED_TTL; default P3D");
    }

    private JobArguments.Result parse(SomeJob job, String... args) {
        return JobArguments.parse(new CommandLine(job), job, args, j -> j.rules.rules(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}

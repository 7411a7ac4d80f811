package dev.tierfeed.batch;

import dev.tierfeed.core.TierRules;
import dev.tierfeed.joboptions.CassandraOptions;
import dev.tierfeed.joboptions.JobArguments;
import dev.tierfeed.joboptions.TierRuleOptions;
import java.time.Instant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every batch job takes: {@code --as-of}, the cutoff (an ISO-8601 instant such as
 * {@code 2026-11-22T00:00:00Z}), and, from flags or the TIERFEED_* variables like every layer,
 * the Cassandra contact point (unless spark.cassandra.connection.host is configured), the
 * keyspace and the tier rules.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false,
        footer = "The Spark master comes from spark-submit or spark.master, never from the job.")
final class BatchOptions {
    @Option(names = "--as-of", required = true, paramLabel = "INSTANT",
            description = "the cutoff, an ISO-8601 instant (e.g. 2026-11-22T00:00:00Z)")
    private Instant asOf;

    @Mixin
    private CassandraOptions cassandra;

    @Mixin
    private TierRuleOptions tierRules;

    /** Parses the arguments of {@code job}, or prints its usage and exits (0 for --help, 2 when refused). */
    static BatchOptions parseOrExit(String[] args, String job, String computes) {
        CommandLine line = new CommandLine(new BatchOptions()).setCommandName(
                "spark-submit --class dev.tierfeed.batch." + job + " tierfeed-batch-spark.jar");
        line.getCommandSpec().usageMessage().description(computes);
        return JobArguments.parseOrExit(line, args, BatchOptions::rules);
    }

    Instant asOf() {
        return asOf;
    }

    String keyspace() {
        return cassandra.keyspace();
    }

    String cassandraHost() {
        return cassandra.host();
    }

    int cassandraPort() {
        return cassandra.port();
    }

    TierRules rules() {
        return tierRules.rules();
    }
}

package dev.tierfeed.batch;

import dev.tierfeed.core.TierRules;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What every batch job takes: {@code --as-of}, the cutoff (an ISO-8601 instant such as
 * {@code 2026-11-22T00:00:00Z}), and from the environment, like every layer: the keyspace, the
 * Cassandra contact point (unless spark.cassandra.connection.host is configured) and the tier rules.
 */
record BatchOptions(Instant asOf, String keyspace, String cassandraHost, int cassandraPort, TierRules rules) {

    static String usage(String job, String computes) {
        return """
                usage: spark-submit --class dev.tierfeed.batch.%s tierfeed-batch-spark.jar --as-of INSTANT
                  %s
                  --as-of INSTANT   the cutoff, an ISO-8601 instant (e.g. 2026-11-22T00:00:00Z)
                The Spark master comes from spark-submit or spark.master, never from the job.
                environment: TIERFEED_KEYSPACE (tierfeed), TIERFEED_CASSANDRA_HOST (127.0.0.1),
                  TIERFEED_CASSANDRA_PORT (9042), TIERFEED_STANDARD_RETENTION (P7D),
                  TIERFEED_FREE_RETENTION (PT24H), TIERFEED_PRESENCE_WINDOW (PT60S),
                  TIERFEED_PREMIUM_SPEED_TTL (P3D)
                """.formatted(job, computes);
    }

    static BatchOptions parse(String[] args, Map<String, String> env) {
        Instant asOf = null;
        for (int i = 0; i < args.length; i++) {
            if (!args[i].equals("--as-of") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown or incomplete argument: " + args[i]);
            }
            try {
                asOf = Instant.parse(args[++i]);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--as-of must be an ISO-8601 instant such as 2026-11-22T00:00:00Z, was '" + args[i] + "'");
            }
        }
        if (asOf == null) {
            throw new IllegalArgumentException("--as-of is required");
        }
        return new BatchOptions(asOf,
                env.getOrDefault("TIERFEED_KEYSPACE", "tierfeed"),
                env.getOrDefault("TIERFEED_CASSANDRA_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("TIERFEED_CASSANDRA_PORT", "9042")),
                TierRules.fromEnvironment(env::get));
    }

    /** Parses the arguments of {@code job}, or prints its usage and exits with status 2. */
    static BatchOptions parseOrExit(String[] args, String job, String computes) {
        try {
            return parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(job + ": " + e.getMessage());
            System.err.print(usage(job, computes));
            System.exit(2);
            throw e;
        }
    }
}

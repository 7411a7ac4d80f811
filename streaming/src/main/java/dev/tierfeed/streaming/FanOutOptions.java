package dev.tierfeed.streaming;

import dev.tierfeed.core.EventTopics;
import dev.tierfeed.core.TierRules;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The fan-out job's options: where its checkpoint lives (argument) and how to reach Kafka and
 * Cassandra (TIERFEED_* environment variables, as for every layer).
 */
record FanOutOptions(
        String checkpoint,
        Optional<String> readyFile,
        String kafkaBootstrap,
        String postsTopic,
        String cassandraHost,
        int cassandraPort,
        String keyspace,
        Duration trigger,
        long maxOffsetsPerTrigger,
        TierRules rules) {

    static final String USAGE = """
            usage: FanOutJob --checkpoint URI [--ready-file PATH]
              Reads post events from Kafka, persists them to Cassandra and fans them out to
              followers' speed-view rows. The Spark master comes from spark-submit or spark.master.
              --checkpoint URI    where the query keeps its offsets (file:///…, s3a://…)
              --ready-file PATH   a file created once the query has made progress
            environment: TIERFEED_KAFKA_BOOTSTRAP (127.0.0.1:9092), TIERFEED_CASSANDRA_HOST (127.0.0.1),
              TIERFEED_CASSANDRA_PORT (9042), TIERFEED_KEYSPACE (tierfeed),
              TIERFEED_STREAM_TRIGGER (PT0.1S), TIERFEED_STREAM_MAX_OFFSETS (20000), and the tier
              rules: TIERFEED_STANDARD_RETENTION (P7D), TIERFEED_FREE_RETENTION (PT24H),
              TIERFEED_PRESENCE_WINDOW (PT60S), TIERFEED_PREMIUM_SPEED_TTL (P3D)
            """;

    static FanOutOptions parse(String[] args, Map<String, String> env) {
        String checkpoint = null;
        String readyFile = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--checkpoint" -> checkpoint = require(value, args[i]);
                case "--ready-file" -> readyFile = require(value, args[i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            i++;
        }
        if (checkpoint == null) {
            throw new IllegalArgumentException("--checkpoint is required");
        }
        return new FanOutOptions(checkpoint, Optional.ofNullable(readyFile),
                env.getOrDefault("TIERFEED_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
                EventTopics.POSTS,
                env.getOrDefault("TIERFEED_CASSANDRA_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("TIERFEED_CASSANDRA_PORT", "9042")),
                env.getOrDefault("TIERFEED_KEYSPACE", "tierfeed"),
                Duration.parse(env.getOrDefault("TIERFEED_STREAM_TRIGGER", "PT0.1S")),
                Long.parseLong(env.getOrDefault("TIERFEED_STREAM_MAX_OFFSETS", "20000")),
                TierRules.fromEnvironment(env::get));
    }

    private static String require(String value, String flag) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }
}

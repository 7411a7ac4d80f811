package dev.tierfeed.streaming;

import dev.tierfeed.core.EventTopics;
import dev.tierfeed.core.StorageNames;
import dev.tierfeed.core.TierRules;
import dev.tierfeed.joboptions.CassandraOptions;
import dev.tierfeed.joboptions.LakeOptions;
import dev.tierfeed.joboptions.TierRuleOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The fan-out job's options: where its checkpoint lives, how to reach Kafka and Cassandra, its
 * trigger and the tier rules; each from a flag or its TIERFEED_* variable, as for every layer.
 */
@Command(name = "FanOutJob", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reads post events from Kafka, persists them to Cassandra and fans them out to followers' speed-view rows;",
                "counts them for the ingest statistics and archives every event to the lake (see --queries).",
                "The Spark master comes from spark-submit or spark.master, never from the job."})
final class FanOutOptions {
    static final List<String> ALL_QUERIES = List.of(StorageNames.FAN_OUT_QUERY, StorageNames.INGEST_STATS_QUERY, StorageNames.LAKE_QUERY);

    @Option(names = "--checkpoint", required = true, paramLabel = "URI", description = "where the query keeps its offsets (file:///…, s3a://…)")
    private String checkpoint;

    @Option(names = "--queries", split = ",", paramLabel = "QUERY",
            defaultValue = StorageNames.FAN_OUT_QUERY + "," + StorageNames.INGEST_STATS_QUERY + "," + StorageNames.LAKE_QUERY,
            description = {"which of the job's queries this application runs, comma-separated (default ${DEFAULT-VALUE}):",
                    "one machine runs the fan-out alone, and the statistics and the lake in a second, niced application"})
    private List<String> queries;

    @Option(names = "--ready-file", paramLabel = "PATH", description = "a file created once the query is running")
    private Path readyFile;

    @Option(names = "--kafka-bootstrap", paramLabel = "SERVERS", defaultValue = "${env:TIERFEED_KAFKA_BOOTSTRAP:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (TIERFEED_KAFKA_BOOTSTRAP; default ${DEFAULT-VALUE})")
    private String kafkaBootstrap;

    @Option(names = "--trigger", paramLabel = "DURATION", defaultValue = "${env:TIERFEED_STREAM_TRIGGER:-PT0.1S}",
            description = "micro-batch trigger interval (TIERFEED_STREAM_TRIGGER; default ${DEFAULT-VALUE})")
    private Duration trigger;

    @Option(names = "--max-offsets-per-trigger", paramLabel = "N", defaultValue = "${env:TIERFEED_STREAM_MAX_OFFSETS:-2000}",
            description = {"most Kafka records per micro-batch (TIERFEED_STREAM_MAX_OFFSETS; default ${DEFAULT-VALUE}):",
                    "a backlog drains in batches of about a second or two instead of one long one"})
    private long maxOffsetsPerTrigger;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "${env:TIERFEED_FANOUT_MAX_IN_FLIGHT:-64}",
            description = "Cassandra requests each task keeps outstanding (TIERFEED_FANOUT_MAX_IN_FLIGHT; default ${DEFAULT-VALUE})")
    private int maxInFlight;

    @Option(names = "--write-batch", paramLabel = "N", defaultValue = "${env:TIERFEED_FANOUT_WRITE_BATCH:-20}",
            description = "most writes in one unlogged batch, grouped by partition and replicas (TIERFEED_FANOUT_WRITE_BATCH; default ${DEFAULT-VALUE})")
    private int writeBatch;

    @Option(names = "--stats-trigger", paramLabel = "DURATION", defaultValue = "${env:TIERFEED_STATS_TRIGGER:-PT0.25S}",
            description = "micro-batch trigger interval of the ingest-statistics query (TIERFEED_STATS_TRIGGER; default ${DEFAULT-VALUE})")
    private Duration statsTrigger;

    @Option(names = "--stats-lateness", paramLabel = "DURATION", defaultValue = "${env:TIERFEED_STATS_LATENESS:-PT10S}",
            description = {"how late a post may arrive and still update its ingest-statistics window: the watermark's delay",
                    "(TIERFEED_STATS_LATENESS; default ${DEFAULT-VALUE})"})
    private Duration statsLateness;

    @Option(names = "--stats-max-offsets-per-trigger", paramLabel = "N", defaultValue = "${env:TIERFEED_STATS_MAX_OFFSETS:-20000}",
            description = "most Kafka records per micro-batch of the ingest-statistics query (TIERFEED_STATS_MAX_OFFSETS; default ${DEFAULT-VALUE})")
    private long statsMaxOffsetsPerTrigger;

    @Option(names = "--lake-trigger", paramLabel = "DURATION", defaultValue = "${env:TIERFEED_LAKE_TRIGGER:-PT30S}",
            description = {"how often the lake query appends what the log received to the lake (TIERFEED_LAKE_TRIGGER;",
                    "default ${DEFAULT-VALUE}): files of half a minute, not of a micro-batch"})
    private Duration lakeTrigger;

    @Mixin
    private LakeOptions lake;

    @Mixin
    private CassandraOptions cassandra;

    @Mixin
    private TierRuleOptions tierRules;

    /** The queries this application runs, in the order given; refused when empty or naming a query the job does not have. */
    Set<String> queries() {
        Set<String> chosen = new LinkedHashSet<>(queries);
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--queries names no query");
        }
        for (String query : chosen) {
            if (!ALL_QUERIES.contains(query)) {
                throw new IllegalArgumentException("--queries: no query named '" + query + "'; the job's are " + String.join(", ", ALL_QUERIES));
            }
        }
        return chosen;
    }

    /** Every check of the options that parsing alone does not make. */
    void check() {
        queries();
        rules();
    }

    String checkpoint() {
        return checkpoint;
    }

    /** The ingest-statistics query's checkpoint: beside the fan-out's, named after it. */
    String statsCheckpoint() {
        return checkpoint.replaceAll("/+$", "") + "-ingest-stats";
    }

    /** The lake query's checkpoint: beside the fan-out's, named after it. */
    String lakeCheckpoint() {
        return checkpoint.replaceAll("/+$", "") + "-lake";
    }

    Duration lakeTrigger() {
        return lakeTrigger;
    }

    LakeOptions lake() {
        return lake;
    }

    Duration statsTrigger() {
        return statsTrigger;
    }

    Duration statsLateness() {
        return statsLateness;
    }

    long statsMaxOffsetsPerTrigger() {
        return statsMaxOffsetsPerTrigger;
    }

    Optional<Path> readyFile() {
        return Optional.ofNullable(readyFile);
    }

    String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    String postsTopic() {
        return EventTopics.POSTS;
    }

    Duration trigger() {
        return trigger;
    }

    long maxOffsetsPerTrigger() {
        return maxOffsetsPerTrigger;
    }

    int maxInFlight() {
        return maxInFlight;
    }

    int writeBatch() {
        return writeBatch;
    }

    CassandraOptions cassandra() {
        return cassandra;
    }

    String keyspace() {
        return cassandra.keyspace();
    }

    TierRules rules() {
        return tierRules.rules();
    }
}

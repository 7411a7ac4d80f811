package dev.tierfeed.core;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names that a writer in one layer and a reader in another must agree on: the batch view's
 * generations and the streaming query that reports its heartbeat. Tables whose names appear
 * only in CQL text are defined by the schema files ({@code schema/}).
 */
public final class StorageNames {
    /** The batch view of premium backlogs, as named in {@code batch_pointer} and {@code batch_generations}. */
    public static final String PREMIUM_BACKLOG_VIEW = "premium_backlog";
    /** The fan-out streaming query, as named in {@code stream_heartbeat}. */
    public static final String FAN_OUT_QUERY = "fan-out";
    /** The streaming query that counts accepted posts per window (the ingest statistics). */
    public static final String INGEST_STATS_QUERY = "ingest-stats";
    /** The streaming query that archives the log to the lake. */
    public static final String LAKE_QUERY = "lake";

    private static final String GENERATION_PREFIX = "batch_view_g";
    private static final Pattern GENERATION_TABLE = Pattern.compile(GENERATION_PREFIX + "([0-9]+)");

    private StorageNames() {
    }

    /** The table holding generation {@code generation} of the premium backlog. */
    public static String batchViewTable(long generation) {
        if (generation < 1) {
            throw new IllegalArgumentException("generations are numbered from 1, was " + generation);
        }
        return GENERATION_PREFIX + generation;
    }

    /** The generation a table holds, when it is a batch-view generation table. */
    public static OptionalLong generationOf(String table) {
        Matcher matcher = GENERATION_TABLE.matcher(table);
        return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }
}

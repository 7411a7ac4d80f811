package dev.tierfeed.batch;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.tierfeed.core.StorageNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The generations of the batch view. Each is a table of its own, {@code batch_view_g<N>}; the
 * pointer ({@code batch_pointer}) flips to a generation only once it is complete, and
 * generations older than the previous one are dropped whole, leaving no tombstones behind.
 */
final class Generations {
    private static final String VIEW = StorageNames.PREMIUM_BACKLOG_VIEW;
    private static final String DDL = "/schema/generations/premium_backlog.cql";

    private final CassandraTables tables;

    Generations(CassandraTables tables) {
        this.tables = tables;
    }

    /** The number of the next generation: above every completed one and every table left by a failed run. */
    long next() {
        long highest = existingTables().stream().mapToLong(Long::longValue).max().orElse(0);
        Row completed = tables.cql(session -> session.execute(CassandraTables.statement(
                "SELECT generation FROM " + tables.keyspace() + ".batch_generations WHERE view_name = ? LIMIT 1", VIEW)).one());
        return Math.max(highest, completed == null ? 0 : completed.getLong("generation")) + 1;
    }

    /** Creates the (empty) table of a generation, as {@code schema/generations/premium_backlog.cql} defines it. */
    String create(long generation) {
        String table = StorageNames.batchViewTable(generation);
        String ddl = createStatement(tables.keyspace(), table);
        tables.cql(session -> session.execute(CassandraTables.statement(ddl)));
        return table;
    }

    /** The schema file's statement for a generation's table, comments dropped. */
    static String createStatement(String keyspace, String table) {
        try (InputStream in = Generations.class.getResourceAsStream(DDL)) {
            if (in == null) {
                throw new IllegalStateException(DDL + " is not on the classpath");
            }
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return script.lines().filter(line -> !line.strip().startsWith("--")).collect(Collectors.joining("\n")).strip()
                    .replaceAll(";$", "").replace("{keyspace}", keyspace).replace("{table}", table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records the completed generation and points readers at it. */
    void flip(long generation, Instant cutoff, long rows) {
        Instant now = Instant.now();
        tables.cql(session -> {
            session.execute(CassandraTables.statement("INSERT INTO " + tables.keyspace()
                    + ".batch_generations (view_name, generation, cutoff, completed_at, row_count) VALUES (?, ?, ?, ?, ?)",
                    VIEW, generation, cutoff, now, rows));
            return session.execute(CassandraTables.statement("INSERT INTO " + tables.keyspace()
                    + ".batch_pointer (view_name, generation, cutoff, flipped_at) VALUES (?, ?, ?, ?)", VIEW, generation, cutoff, now));
        });
    }

    /** Drops every generation older than {@code oldestKept}; returns the dropped tables. */
    List<String> dropOlderThan(long oldestKept) {
        List<String> dropped = new ArrayList<>();
        for (long generation : existingTables()) {
            if (generation < oldestKept) {
                tables.cql(session -> session.execute(CassandraTables.statement(
                        "DROP TABLE IF EXISTS " + tables.keyspace() + "." + StorageNames.batchViewTable(generation))));
                dropped.add(StorageNames.batchViewTable(generation));
            }
        }
        return dropped;
    }

    List<Long> existingTables() {
        return tables.cql(session -> {
            List<Long> generations = new ArrayList<>();
            for (Row row : session.execute(CassandraTables.statement(
                    "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", tables.keyspace()))) {
                StorageNames.generationOf(row.getString("table_name")).ifPresent(generations::add);
            }
            return generations;
        });
    }
}

package dev.tierfeed.batch;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generations of the batch view. Each is a table of its own, {@code batch_view_g<N>}; the
 * pointer ({@code batch_pointer}) flips to a generation only once it is complete, and
 * generations older than the previous one are dropped whole, leaving no tombstones behind.
 */
final class Generations {
    static final String VIEW = "premium_backlog";
    private static final Pattern TABLE = Pattern.compile("batch_view_g([0-9]+)");

    private final CassandraTables tables;

    Generations(CassandraTables tables) {
        this.tables = tables;
    }

    static String table(long generation) {
        return "batch_view_g" + generation;
    }

    /** The number of the next generation: above every completed one and every table left by a failed run. */
    long next() {
        long highest = existingTables().stream().mapToLong(Long::longValue).max().orElse(0);
        Row completed = tables.cql(session -> session.execute(SimpleStatement.newInstance(
                "SELECT generation FROM " + tables.keyspace() + ".batch_generations WHERE view_name = ? LIMIT 1", VIEW)).one());
        return Math.max(highest, completed == null ? 0 : completed.getLong("generation")) + 1;
    }

    /** Creates the (empty) table of a generation, clustered like the speed view's premium slice. */
    String create(long generation) {
        String table = table(generation);
        tables.cql(session -> session.execute("CREATE TABLE IF NOT EXISTS " + tables.keyspace() + "." + table + " ("
                + "viewer_id bigint, post_id bigint, author_id bigint, text text, created_at timestamp, "
                + "PRIMARY KEY (viewer_id, post_id)) WITH CLUSTERING ORDER BY (post_id DESC)"));
        return table;
    }

    /** Records the completed generation and points readers at it. */
    void flip(long generation, Instant cutoff, long rows) {
        Instant now = Instant.now();
        tables.cql(session -> {
            session.execute(SimpleStatement.newInstance("INSERT INTO " + tables.keyspace()
                    + ".batch_generations (view_name, generation, cutoff, completed_at, row_count) VALUES (?, ?, ?, ?, ?)",
                    VIEW, generation, cutoff, now, rows));
            return session.execute(SimpleStatement.newInstance("INSERT INTO " + tables.keyspace()
                    + ".batch_pointer (view_name, generation, cutoff, flipped_at) VALUES (?, ?, ?, ?)", VIEW, generation, cutoff, now));
        });
    }

    /** Drops every generation older than {@code oldestKept}; returns the dropped tables. */
    List<String> dropOlderThan(long oldestKept) {
        List<String> dropped = new ArrayList<>();
        for (long generation : existingTables()) {
            if (generation < oldestKept) {
                tables.cql(session -> session.execute("DROP TABLE IF EXISTS " + tables.keyspace() + "." + table(generation)));
                dropped.add(table(generation));
            }
        }
        return dropped;
    }

    List<Long> existingTables() {
        return tables.cql(session -> {
            List<Long> generations = new ArrayList<>();
            for (Row row : session.execute(SimpleStatement.newInstance(
                    "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", tables.keyspace()))) {
                Matcher matcher = TABLE.matcher(row.getString("table_name"));
                if (matcher.matches()) {
                    generations.add(Long.parseLong(matcher.group(1)));
                }
            }
            return generations;
        });
    }
}

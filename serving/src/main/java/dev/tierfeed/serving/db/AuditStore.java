package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The nightly batch's delivery audit ({@code delivery_audit}: one partition per run, by its cutoff). */
public final class AuditStore {
    private final CqlSession session;
    private final PreparedStatement runs;
    private final PreparedStatement days;

    /** One audit row: a tier's promise for the posts of one day, as of a run's cutoff. */
    public record AuditRow(LocalDate day, String tier, long posts, long addressed, long seen, long pending, long expiredUnseen) {
    }

    public AuditStore(CqlSession session) {
        this.session = session;
        // one partition key per nightly run: a few hundred a year, read whole
        this.runs = Cql.prepare(session, "SELECT DISTINCT as_of FROM delivery_audit");
        this.days = Cql.prepare(session, "SELECT day, tier, posts, addressed, seen, pending, expired_unseen FROM delivery_audit"
                + " WHERE as_of = ? AND day >= ? AND day < ?");
    }

    /** The cutoff of the latest run, if any has run. */
    public Optional<Instant> latestRun() {
        Instant latest = null;
        for (Row row : session.execute(runs.bind())) {
            Instant asOf = row.getInstant(0);
            if (latest == null || asOf.isAfter(latest)) {
                latest = asOf;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The run's rows for the days of posting in [from, to), by day and tier. */
    public List<AuditRow> rows(Instant asOf, LocalDate from, LocalDate to) {
        List<AuditRow> rows = new ArrayList<>();
        for (Row row : session.execute(days.bind(asOf, from, to))) {
            rows.add(new AuditRow(row.getLocalDate("day"), row.getString("tier"), row.getLong("posts"), row.getLong("addressed"),
                    row.getLong("seen"), row.getLong("pending"), row.getLong("expired_unseen")));
        }
        return rows;
    }
}

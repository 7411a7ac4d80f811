package dev.tierfeed.serving.api;

import dev.tierfeed.serving.db.AuditStore.AuditRow;
import java.time.Instant;
import java.util.List;

/** {@code GET /v1/audit/delivery}: the latest nightly run's cutoff ({@code asOf}, null before the first) and its rows. */
public record DeliveryAuditView(String asOf, List<Row> rows) {

    /** A tier's promise for the posts of one UTC day: posts, addressed deliveries, seen, still pending, expired unseen. */
    public record Row(String day, String tier, long posts, long addressed, long seen, long pending, long expiredUnseen) {
    }

    public static DeliveryAuditView of(Instant asOf, List<AuditRow> rows) {
        return new DeliveryAuditView(asOf == null ? null : asOf.toString(), rows.stream().map(row -> new Row(row.day().toString(), row.tier(),
                row.posts(), row.addressed(), row.seen(), row.pending(), row.expiredUnseen())).toList());
    }
}

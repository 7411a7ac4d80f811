package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.Tier;
import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The nightly batch on the real stack: generations, determinism, expiry, the audit, readiness. */
@ExtendWith(TierfeedStackExtension.class)
class BatchLayerTest {
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @Test
    void eachRunFlipsInANewGenerationAndDropsThoseOlderThanThePreviousOne(TestStack stack) {
        try (CqlSession cql = Cql.open(stack)) {
            stack.runBatch(Instant.now());
            long first = pointer(cql);
            stack.runBatch(Instant.now());
            stack.runBatch(Instant.now());

            assertThat(pointer(cql)).isEqualTo(first + 2);
            assertThat(generationTables(cql)).containsExactlyInAnyOrder(first + 1, first + 2);
            assertThat(cql.execute(SimpleStatement.newInstance(
                    "SELECT row_count FROM batch_generations WHERE view_name = 'premium_backlog' AND generation = ?", first + 2)).one())
                    .isNotNull();
        }
    }

    @Test
    void recomputingTheSameCutoffGivesTheSameBacklog(TestStack stack) {
        Api api = Api.of(stack);
        String author = api.createUser("PREMIUM");
        String viewer = api.createUser("FREE");
        api.follow(viewer, author);
        String post = api.createPost(author, "in the backlog");
        api.awaitPersisted(DELIVERY, post);
        Instant cutoff = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        try (CqlSession cql = Cql.open(stack)) {
            stack.runBatch(cutoff);
            long first = pointer(cql);
            api.createPost(author, "after the cutoff"); // must not change a recomputation
            stack.runBatch(cutoff);
            long second = pointer(cql);

            assertThat(second).isEqualTo(first + 1);
            List<String> rows = contents(cql, first);
            assertThat(rows).contains(viewer + "/" + post).isEqualTo(contents(cql, second));
        }
    }

    @Test
    void standardExpiryRemovesRowsPastTheRetentionAndCountsThem(TestStack stack) {
        Api api = Api.of(stack);
        String viewer = api.createUser("FREE");
        String author = api.createUser("STANDARD");
        // a row that outlived its rule: written with a long TTL, for a post older than the retention
        Instant postedAt = Instant.now().minus(Duration.ofMinutes(5));
        long postId = Ids.lowestAt(postedAt) + 7;
        try (CqlSession cql = Cql.open(stack)) {
            cql.execute(SimpleStatement.newInstance("INSERT INTO speed_view (viewer_id, tier_rank, post_id, author_id, text, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?) USING TTL 86400", Long.parseLong(viewer), Tier.STANDARD.rank(), postId,
                    Long.parseLong(author), "stale", postedAt));

            String output = stack.runBatch(Instant.now());

            assertThat(output).containsPattern("standard expiry: removed [1-9][0-9]* speed-view rows");
            assertThat(cql.execute(SimpleStatement.newInstance("SELECT post_id FROM speed_view WHERE viewer_id = ?",
                    Long.parseLong(viewer))).all()).isEmpty();
        }
    }

    @Test
    void theDeliveryAuditCountsEachTiersPromisePerDay(TestStack stack) {
        Api api = Api.of(stack);
        try (CqlSession cql = Cql.open(stack)) {
            Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            stack.runBatch(before);
            Map<String, long[]> start = audit(cql, before);

            String premium = api.createUser("PREMIUM");
            String standard = api.createUser("STANDARD");
            List<String> viewers = List.of(api.createUser("FREE"), api.createUser("FREE"), api.createUser("FREE"));
            viewers.forEach(viewer -> api.follow(viewer, premium));
            api.follow(viewers.get(0), standard);
            String p = api.createPost(premium, "premium for three");
            String s = api.createPost(standard, "standard for one");
            api.awaitFeedContaining(viewers.get(0), DELIVERY, p, s);
            api.post("/v1/users/" + viewers.get(1) + "/feed/seen", Api.json("postIds", List.of(p)));
            Instant after = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String output = stack.runBatch(after);
            Map<String, long[]> end = audit(cql, after);

            String today = after.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
            long[] premiumDelta = delta(start, end, today + "/PREMIUM");
            assertThat(premiumDelta[0]).as("premium posts").isEqualTo(1);
            assertThat(premiumDelta[1]).as("premium addressed").isEqualTo(3);
            assertThat(premiumDelta[2]).as("premium seen").isEqualTo(1);
            long[] standardDelta = delta(start, end, today + "/STANDARD");
            assertThat(standardDelta[0]).isEqualTo(1);
            assertThat(standardDelta[1]).isEqualTo(1);
            for (Map.Entry<String, long[]> row : end.entrySet()) {
                if (row.getKey().endsWith("/PREMIUM")) {
                    assertThat(row.getValue()[4]).as("premium expired unseen, " + row.getKey()).isZero();
                }
            }
            assertThat(output).contains("delivery audit as of " + after).contains("PREMIUM");

            // the operator reads the same rows over HTTP (GET /v1/audit/delivery: the latest run, the days asked)
            String tomorrow = after.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(1).toString();
            String yearAgo = after.atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(365).toString();
            com.fasterxml.jackson.databind.JsonNode http = api.asOperator().get("/v1/audit/delivery?from=" + yearAgo + "&to=" + tomorrow).body();
            assertThat(http.path("asOf").asText()).isEqualTo(after.toString());
            Map<String, long[]> overHttp = new HashMap<>();
            http.path("rows").forEach(row -> overHttp.put(row.path("day").asText() + "/" + row.path("tier").asText(), new long[] {
                row.path("posts").asLong(), row.path("addressed").asLong(), row.path("seen").asLong(), row.path("pending").asLong(),
                row.path("expiredUnseen").asLong()}));
            assertThat(overHttp).containsOnlyKeys(end.keySet().stream().filter(key -> key.compareTo(yearAgo) >= 0).toList());
            overHttp.forEach((key, counts) -> assertThat(counts).as(key).containsExactly(end.get(key)));
            Api.assertError(api.as(viewers.get(0)).get("/v1/audit/delivery?from=" + yearAgo + "&to=" + tomorrow), 403, "operator_only");
        }
    }

    @Test
    void theBatchViewIsNotReadyWhenItsNewestGenerationIsTooOld(TestStack stack) {
        Api admin = new Api(stack.adminUri());
        stack.runBatch(Instant.now().minus(Duration.ofDays(2)));
        var stale = admin.get("/healthcheck").body().path("batch-view");
        assertThat(stale.path("healthy").asBoolean()).isFalse();
        assertThat(stale.path("message").asText()).contains("TIERFEED_BATCH_MAX_AGE");

        stack.runBatch(Instant.now());
        assertThat(admin.get("/healthcheck").body().path("batch-view").path("healthy").asBoolean()).isTrue();
    }

    private static long pointer(CqlSession cql) {
        return cql.execute("SELECT generation FROM batch_pointer WHERE view_name = 'premium_backlog'").one().getLong(0);
    }

    private static List<Long> generationTables(CqlSession cql) {
        List<Long> generations = new ArrayList<>();
        for (Row row : cql.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = 'tierfeed'")) {
            String name = row.getString(0);
            if (name.matches("batch_view_g[0-9]+")) {
                generations.add(Long.parseLong(name.substring("batch_view_g".length())));
            }
        }
        return generations;
    }

    private static List<String> contents(CqlSession cql, long generation) {
        return StreamSupport.stream(cql.execute("SELECT viewer_id, post_id FROM batch_view_g" + generation).spliterator(), false)
                .map(row -> row.getLong(0) + "/" + row.getLong(1)).sorted().toList();
    }

    /** day/tier → posts, addressed, seen, pending, expired unseen. */
    private static Map<String, long[]> audit(CqlSession cql, Instant asOf) {
        Map<String, long[]> rows = new HashMap<>();
        for (Row row : cql.execute(SimpleStatement.newInstance(
                "SELECT day, tier, posts, addressed, seen, pending, expired_unseen FROM delivery_audit WHERE as_of = ?", asOf))) {
            rows.put(row.getLocalDate("day") + "/" + row.getString("tier"), new long[] {
                row.getLong("posts"), row.getLong("addressed"), row.getLong("seen"), row.getLong("pending"), row.getLong("expired_unseen")});
        }
        return rows;
    }

    private static long[] delta(Map<String, long[]> start, Map<String, long[]> end, String key) {
        long[] before = start.getOrDefault(key, new long[5]);
        long[] after = end.get(key);
        assertThat(after).as("audit row " + key).isNotNull();
        long[] delta = new long[5];
        for (int i = 0; i < 5; i++) {
            delta[i] = after[i] - before[i];
        }
        return delta;
    }
}

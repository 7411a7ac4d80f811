package dev.tierfeed.batch;

import static dev.tierfeed.batch.Worlds.follow;
import static dev.tierfeed.batch.Worlds.post;
import static dev.tierfeed.batch.Worlds.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tierfeed.core.TierRules;
import java.time.Duration;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The premium backlog step on a handful of rows: what is in a generation as of a cutoff. */
class PremiumBacklogJobTest {
    private static final Instant CUTOFF = Instant.parse("2026-11-22T00:00:00Z");
    private static final Instant BEFORE = CUTOFF.minus(Duration.ofDays(20));
    private static final long AUTHOR = 1;

    @BeforeAll
    static void rulesAsOfTheCutoff() {
        RuleFunctions.register(Worlds.spark(), TierRules.DEFAULTS, CUTOFF);
    }

    @Test
    void theBacklogHoldsEveryUnseenPremiumPostAddressedByTheCutoff() {
        var posts = Worlds.posts(
                post(10, AUTHOR, "PREMIUM", CUTOFF.minusSeconds(60)),
                post(11, AUTHOR, "PREMIUM", CUTOFF),                      // at the cutoff: still in
                post(12, AUTHOR, "PREMIUM", CUTOFF.plusMillis(1)),        // after it: the speed view's
                post(13, AUTHOR, "STANDARD", CUTOFF.minusSeconds(60)));   // not premium
        var following = Worlds.following(
                follow(100, AUTHOR, BEFORE),                                        // follows throughout
                follow(101, AUTHOR, null, BEFORE, CUTOFF.minusSeconds(120)),        // unfollowed before the posts
                follow(102, AUTHOR, null, BEFORE, CUTOFF.plusSeconds(30)),          // unfollowed only after the cutoff
                follow(103, AUTHOR, CUTOFF.plusSeconds(1)),                         // followed only after the cutoff
                follow(AUTHOR, AUTHOR, BEFORE));                                    // never one's own
        var seen = Worlds.seen(
                seen(100, 11, CUTOFF.minusSeconds(1)),                    // seen by the cutoff: out
                seen(102, 10, CUTOFF.plusSeconds(5)));                    // seen after it: still in

        var rows = PremiumBacklogJob.backlog(posts, following, seen).collectAsList();

        assertThat(rows).extracting(row -> row.getLong(0) + ":" + row.getLong(1))
                .containsExactlyInAnyOrder("100:10", "102:10", "102:11");
        Row one = rows.stream().filter(row -> row.getLong(0) == 100).findFirst().orElseThrow();
        assertThat(one.getLong(2)).as("author_id").isEqualTo(AUTHOR);
        assertThat(one.getString(3)).as("text").isEqualTo("post 10");
        assertThat(one.getString(5)).as("media").isEqualTo("10:image/png");
        assertThat(rows.stream().filter(row -> row.getLong(1) == 11).findFirst().orElseThrow().isNullAt(5)).as("no media").isTrue();
    }
}

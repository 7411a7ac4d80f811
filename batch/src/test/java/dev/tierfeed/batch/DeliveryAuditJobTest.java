package dev.tierfeed.batch;

import static dev.tierfeed.batch.Worlds.follow;
import static dev.tierfeed.batch.Worlds.post;
import static dev.tierfeed.batch.Worlds.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tierfeed.core.TierRules;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The delivery audit step on a handful of rows: counts per day and tier, by core's outcome of each pair. */
class DeliveryAuditJobTest {
    private static final Instant CUTOFF = Instant.parse("2026-11-22T00:00:00Z");
    private static final Instant EIGHT_DAYS_BEFORE = CUTOFF.minus(Duration.ofDays(8));
    private static final Instant HOUR_BEFORE = CUTOFF.minus(Duration.ofHours(1));
    private static final long AUTHOR = 1;

    @BeforeAll
    static void rulesAsOfTheCutoff() {
        RuleFunctions.register(Worlds.spark(), TierRules.DEFAULTS, CUTOFF);
    }

    @Test
    void eachAddressedPairCountsAsSeenPendingOrExpiredUnseenOnItsPostsDay() {
        var posts = Worlds.posts(
                post(10, AUTHOR, "STANDARD", EIGHT_DAYS_BEFORE),   // past the standard retention
                post(11, AUTHOR, "PREMIUM", EIGHT_DAYS_BEFORE),    // premium never expires
                post(12, AUTHOR, "STANDARD", HOUR_BEFORE),
                post(13, AUTHOR, "FREE", CUTOFF.plusSeconds(1)));  // after the cutoff: not audited
        var following = Worlds.following(
                follow(100, AUTHOR, CUTOFF.minus(Duration.ofDays(30))),
                follow(101, AUTHOR, CUTOFF.minus(Duration.ofDays(30))),
                follow(102, AUTHOR, HOUR_BEFORE.plusSeconds(1)));        // followed after posts 10 to 12
        var seen = Worlds.seen(seen(100, 10, EIGHT_DAYS_BEFORE.plusSeconds(60)), seen(101, 12, CUTOFF.plusSeconds(1)));

        var audit = DeliveryAuditJob.audit(posts, following, seen).collectAsList().stream()
                .map(row -> row.getAs("day") + " " + row.getAs("tier") + " posts=" + row.getAs("posts") + " addressed=" + row.getAs("addressed")
                        + " seen=" + row.getAs("seen") + " pending=" + row.getAs("pending") + " expired=" + row.getAs("expired_unseen"))
                .collect(Collectors.toSet());

        assertThat(audit).containsExactlyInAnyOrder(
                "2026-11-14 STANDARD posts=1 addressed=2 seen=1 pending=0 expired=1",
                "2026-11-14 PREMIUM posts=1 addressed=2 seen=0 pending=2 expired=0",
                // follower 101 saw it only after the cutoff
                "2026-11-21 STANDARD posts=1 addressed=2 seen=0 pending=2 expired=0");
    }
}

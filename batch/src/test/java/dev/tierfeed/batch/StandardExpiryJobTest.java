package dev.tierfeed.batch;

import static dev.tierfeed.batch.Worlds.speedRow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tierfeed.core.Tier;
import dev.tierfeed.core.TierRules;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The standard-expiry step on a handful of speed-view rows. */
class StandardExpiryJobTest {
    private static final Instant CUTOFF = Instant.parse("2026-11-22T00:00:00Z");
    private static final Instant WEEK_BEFORE = CUTOFF.minus(Duration.ofDays(7));

    @BeforeAll
    static void rulesAsOfTheCutoff() {
        RuleFunctions.register(Worlds.spark(), TierRules.DEFAULTS, CUTOFF);
    }

    @Test
    void onlyStandardRowsPastTheRetentionAtTheCutoffExpire() {
        var speedView = Worlds.speedView(
                speedRow(100, Tier.STANDARD.rank(), 10, WEEK_BEFORE),                 // exactly a week old: expired
                speedRow(100, Tier.STANDARD.rank(), 11, WEEK_BEFORE.plusMillis(1)),   // a millisecond younger: kept
                speedRow(100, Tier.PREMIUM.rank(), 12, WEEK_BEFORE.minusSeconds(1)),  // premium: not this job's
                speedRow(101, Tier.FREE.rank(), 13, WEEK_BEFORE.minusSeconds(1)));    // free: its TTL's

        var standard = StandardExpiryJob.standardRows(speedView);
        var expired = StandardExpiryJob.expired(standard).collectAsList();

        assertThat(standard.count()).isEqualTo(2);
        assertThat(expired).extracting(row -> row.getLong(0) + ":" + row.getInt(1) + ":" + row.getLong(2))
                .containsExactly("100:" + Tier.STANDARD.rank() + ":10");
    }
}

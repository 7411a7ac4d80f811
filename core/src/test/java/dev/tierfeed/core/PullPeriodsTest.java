package dev.tierfeed.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PullPeriodsTest {
    private static final Instant T = Instant.parse("2026-11-22T12:00:00Z");
    private static final Duration MARGIN = Duration.ofHours(1);

    @Test
    void anAuthorIsPulledFromTheCrossingUntilPushedAgain() {
        PullPeriods periods = PullPeriods.NEVER.pulledFrom(T).pushedFrom(T.plusSeconds(100)).pulledFrom(T.plusSeconds(200));
        assertThat(periods.isPulledAt(T.minusMillis(1))).isFalse();
        assertThat(periods.isPulledAt(T)).isTrue();
        assertThat(periods.isPulledAt(T.plusSeconds(100))).as("pushed again from then").isFalse();
        assertThat(periods.isPulledAt(T.plusSeconds(200))).isTrue();
        assertThat(periods.pulledFrom(T.plusSeconds(300))).as("already pulled").isEqualTo(periods);
        assertThat(PullPeriods.NEVER.pushedFrom(T)).isEqualTo(PullPeriods.NEVER);
    }

    @Test
    void servingKeepsPullingWhileAnUnpushedPostMayStillBePending() {
        TierRules rules = TierRules.DEFAULTS; // the longest speed-view lifetime is the standard retention, 7 days
        assertThat(rules.longestSpeedViewLifetime()).isEqualTo(Duration.ofDays(7));
        PullPeriods ended = PullPeriods.NEVER.pulledFrom(T).pushedFrom(T.plusSeconds(100));
        Instant lastUnpushed = T.plusSeconds(100);
        assertThat(ended.mayHoldUnpushed(lastUnpushed.plus(Duration.ofDays(7)), rules, MARGIN)).isTrue();
        assertThat(ended.mayHoldUnpushed(lastUnpushed.plus(Duration.ofDays(7)).plus(MARGIN).minusMillis(1), rules, MARGIN)).isTrue();
        assertThat(ended.mayHoldUnpushed(lastUnpushed.plus(Duration.ofDays(7)).plus(MARGIN), rules, MARGIN)).isFalse();
        assertThat(PullPeriods.NEVER.pulledFrom(T).mayHoldUnpushed(T.plus(Duration.ofDays(400)), rules, MARGIN)).isTrue();
        assertThat(PullPeriods.NEVER.mayHoldUnpushed(T, rules, MARGIN)).isFalse();
    }

    @Test
    void anAuthorIsPulledAboveTheThreshold() {
        HybridFanOut hybrid = new HybridFanOut(3);
        assertThat(hybrid.shouldPull(3)).isFalse();
        assertThat(hybrid.shouldPull(4)).isTrue();
    }
}

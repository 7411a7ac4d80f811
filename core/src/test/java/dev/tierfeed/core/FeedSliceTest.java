package dev.tierfeed.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierfeed.core.FeedSlice.View;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedSliceTest {
    private static final BatchCutoff CUTOFF = new BatchCutoff(Instant.parse("2026-11-22T00:00:00Z"));
    private static final long SPLIT = CUTOFF.firstSpeedViewPostId();
    private static final long MIN = Long.MIN_VALUE;
    private static final long MAX = Long.MAX_VALUE;

    @Test
    void withoutAGenerationEveryTierIsOneSpeedViewSliceInFeedOrder() {
        assertThat(FeedSlice.plan(Optional.empty(), Optional.empty())).containsExactly(
                new FeedSlice(Tier.PREMIUM, View.SPEED, MIN, MAX),
                new FeedSlice(Tier.STANDARD, View.SPEED, MIN, MAX),
                new FeedSlice(Tier.FREE, View.SPEED, MIN, MAX));
    }

    @Test
    void premiumPostsAfterTheCutoffComeFromTheSpeedViewThenTheRestFromTheBatchView() {
        assertThat(FeedSlice.plan(Optional.of(CUTOFF), Optional.empty())).containsExactly(
                new FeedSlice(Tier.PREMIUM, View.SPEED, SPLIT, MAX),
                new FeedSlice(Tier.PREMIUM, View.BATCH, MIN, SPLIT),
                new FeedSlice(Tier.STANDARD, View.SPEED, MIN, MAX),
                new FeedSlice(Tier.FREE, View.SPEED, MIN, MAX));
    }

    @Test
    void aCursorInTheBatchSliceSkipsTheSpeedSliceAndNarrowsItsOwn() {
        long last = SPLIT - 1000;
        assertThat(FeedSlice.plan(Optional.of(CUTOFF), Optional.of(cursor(Tier.PREMIUM, last)))).containsExactly(
                new FeedSlice(Tier.PREMIUM, View.BATCH, MIN, last),
                new FeedSlice(Tier.STANDARD, View.SPEED, MIN, MAX),
                new FeedSlice(Tier.FREE, View.SPEED, MIN, MAX));
    }

    @Test
    void aCursorInTheSpeedSliceOfPremiumKeepsTheWholeBatchSlice() {
        long last = SPLIT + 1000;
        assertThat(FeedSlice.plan(Optional.of(CUTOFF), Optional.of(cursor(Tier.PREMIUM, last)))).startsWith(
                new FeedSlice(Tier.PREMIUM, View.SPEED, SPLIT, last),
                new FeedSlice(Tier.PREMIUM, View.BATCH, MIN, SPLIT));
    }

    @Test
    void aCursorInALaterTierDropsTheTiersBeforeIt() {
        assertThat(FeedSlice.plan(Optional.of(CUTOFF), Optional.of(cursor(Tier.FREE, 42)))).containsExactly(
                new FeedSlice(Tier.FREE, View.SPEED, MIN, 42));
    }

    @Test
    void aSliceReadDownToAPostContinuesBelowIt() {
        FeedSlice slice = new FeedSlice(Tier.STANDARD, View.SPEED, 10, 100);
        assertThat(slice.below(50)).isEqualTo(new FeedSlice(Tier.STANDARD, View.SPEED, 10, 50));
        assertThat(slice.below(500)).isEqualTo(slice);
        assertThat(slice.below(10).isEmpty()).isTrue();
    }

    private static FeedCursor cursor(Tier tier, long postId) {
        return new FeedCursor(new FeedPosition(tier, Ids.instantOf(Math.max(0, postId)), postId));
    }
}

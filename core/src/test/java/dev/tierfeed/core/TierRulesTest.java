package dev.tierfeed.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TierRulesTest {
    private static final Instant POSTED = Instant.parse("2026-11-01T12:00:00Z");
    private static final TierRules RULES = TierRules.DEFAULTS;

    static Post post(Tier tier, Instant at) {
        return Post.create(Ids.lowestAt(at) + 1, 99, tier, new PostText("x"));
    }

    @Test
    void premiumPostsNeverLeaveByAge() {
        assertThat(RULES.isWithinRetention(post(Tier.PREMIUM, POSTED), POSTED.plus(Duration.ofDays(3650)))).isTrue();
    }

    @Test
    void standardPostDisappearsAfterSevenDays() {
        Post post = post(Tier.STANDARD, POSTED);
        assertThat(RULES.isWithinRetention(post, POSTED.plus(Duration.ofDays(7)).minusMillis(1))).isTrue();
        assertThat(RULES.isWithinRetention(post, POSTED.plus(Duration.ofDays(7)))).isFalse();
    }

    @Test
    void freePostDisappearsAfterTwentyFourHours() {
        Post post = post(Tier.FREE, POSTED);
        assertThat(RULES.isWithinRetention(post, POSTED.plus(Duration.ofHours(24)).minusMillis(1))).isTrue();
        assertThat(RULES.isWithinRetention(post, POSTED.plus(Duration.ofHours(24)))).isFalse();
    }

    @Test
    void speedViewRowsLiveTheirTiersLifetimeCountedFromThePost() {
        Instant writtenAt = POSTED.plus(Duration.ofHours(1));
        assertThat(RULES.speedViewTtl(post(Tier.PREMIUM, POSTED), writtenAt)).contains(Duration.ofDays(3).minusHours(1));
        assertThat(RULES.speedViewTtl(post(Tier.STANDARD, POSTED), writtenAt)).contains(Duration.ofDays(7).minusHours(1));
        assertThat(RULES.speedViewTtl(post(Tier.FREE, POSTED), writtenAt)).contains(Duration.ofHours(23));
        assertThat(RULES.speedViewTtl(post(Tier.FREE, POSTED), POSTED.plus(Duration.ofHours(24)))).isEmpty();
    }

    @Test
    void aViewerIsWatchingAfterAFeedRequestWithinTheWindowBeforeThePost() {
        Instant inside = POSTED.minusSeconds(60);
        Instant before = POSTED.minusSeconds(61);
        Instant after = POSTED.plusMillis(1);
        assertThat(RULES.isWatching(List.of(inside), POSTED)).isTrue();
        assertThat(RULES.isWatching(List.of(POSTED), POSTED)).isTrue();
        assertThat(RULES.isWatching(List.of(before, after), POSTED)).isFalse();
        assertThat(RULES.isWatching(List.of(), POSTED)).isFalse();
        assertThat(RULES.watchingWindow(POSTED)).isEqualTo(new WatchingWindow(inside, POSTED));
    }

    @Test
    void presenceIsKeptUntilTheLastFreePostItCouldDeliverHasExpired() {
        assertThat(RULES.presenceLifetime()).isEqualTo(Duration.ofHours(24).plusSeconds(60));
        assertThat(TierRules.ttlSeconds(Duration.ofMillis(86_460_000))).isEqualTo(86_461);
        assertThat(TierRules.ttlSeconds(Duration.ofMillis(1))).isEqualTo(2);
    }

    @Test
    void settingsMustBePositive() {
        assertThatThrownBy(() -> new TierRules(Duration.ofDays(7), Duration.ZERO, Duration.ofSeconds(60), Duration.ofDays(3)))
                .hasMessage("free retention must be a positive duration, was PT0S");
    }
}

package dev.tierfeed.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
        assertThat(RULES.watchingSince(POSTED)).isEqualTo(inside);
    }

    @Test
    void settingsComeFromTheEnvironmentAsIsoDurations() {
        TierRules rules = TierRules.fromEnvironment(Map.of(
                "TIERFEED_STANDARD_RETENTION", "PT20S", "TIERFEED_FREE_RETENTION", "PT10M",
                "TIERFEED_PRESENCE_WINDOW", "PT5S")::get);
        assertThat(rules).isEqualTo(new TierRules(Duration.ofSeconds(20), Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofDays(3)));
        assertThat(TierRules.fromEnvironment(Map.<String, String>of()::get)).isEqualTo(TierRules.DEFAULTS);
        assertThatThrownBy(() -> TierRules.fromEnvironment(Map.of("TIERFEED_FREE_RETENTION", "24h")::get))
                .hasMessage("TIERFEED_FREE_RETENTION must be an ISO-8601 duration such as P7D or PT60S, was '24h'");
        assertThatThrownBy(() -> TierRules.fromEnvironment(Map.of("TIERFEED_PRESENCE_WINDOW", "PT0S")::get))
                .hasMessageContaining("must be a positive duration");
    }
}

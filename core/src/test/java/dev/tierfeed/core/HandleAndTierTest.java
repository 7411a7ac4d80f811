package dev.tierfeed.core;

import static dev.tierfeed.core.PostTextTest.codeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HandleAndTierTest {

    @Test
    void handlesAreOneToFifteenWordCharacters() {
        assertThat(new Handle("a").value()).isEqualTo("a");
        assertThat(new Handle("Ada_Lovelace_99").value()).isEqualTo("Ada_Lovelace_99");
        assertThat(codeOf(() -> new Handle(""))).isEqualTo("handle_required");
        assertThat(codeOf(() -> new Handle("sixteen_chars_xx"))).isEqualTo("invalid_handle");
        assertThat(codeOf(() -> new Handle("no spaces"))).isEqualTo("invalid_handle");
        assertThat(codeOf(() -> new Handle("émile"))).isEqualTo("invalid_handle");
    }

    @Test
    void handleUniquenessIgnoresCase() {
        assertThat(new Handle("Ada").key()).isEqualTo(new Handle("aDA").key());
    }

    @Test
    void tiersParseExactlyAsDocumentedAndRefuseAnythingElse() {
        assertThat(Tier.parse("PREMIUM")).isEqualTo(Tier.PREMIUM);
        assertThat(codeOf(() -> Tier.parse("premium"))).isEqualTo("unknown_tier");
        assertThat(codeOf(() -> Tier.parse("PREMIUM "))).isEqualTo("unknown_tier");
        assertThat(codeOf(() -> Tier.parse(" FREE"))).isEqualTo("unknown_tier");
        assertThat(codeOf(() -> Tier.parse("GOLD"))).isEqualTo("unknown_tier");
        assertThat(codeOf(() -> Tier.parse(null))).isEqualTo("tier_required");
    }

    @Test
    void eachTierIsStoredAsItsFixedRankWhichIsAlsoTheFeedOrder() {
        // these numbers are in stored rows and page tokens: they must never change
        assertThat(Tier.PREMIUM.rank()).isZero();
        assertThat(Tier.STANDARD.rank()).isEqualTo(1);
        assertThat(Tier.FREE.rank()).isEqualTo(2);
        for (Tier tier : Tier.values()) {
            assertThat(Tier.ofRank(tier.rank())).isEqualTo(tier);
        }
        assertThat(Tier.inFeedOrder()).containsExactly(Tier.PREMIUM, Tier.STANDARD, Tier.FREE);
        assertThatThrownBy(() -> Tier.ofRank(3)).hasMessage("no tier has rank 3");
    }

    @Test
    void nobodyFollowsThemselves() {
        assertThat(codeOf(() -> new Follow(7, 7, Ids.EPOCH))).isEqualTo("self_follow");
    }
}

package dev.tierfeed.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FollowHistoryTest {
    private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void aFollowAddressesPostsMadeSinceItBegan() {
        FollowHistory follow = FollowHistory.following(T);
        assertThat(follow.addressesPostAt(T.plusSeconds(1))).isTrue();
        assertThat(follow.addressesPostAt(T.minusSeconds(1))).isFalse();
    }

    @Test
    void anUnfollowHidesEveryPostOfTheAuthor() {
        FollowHistory gone = FollowHistory.following(T).unfollowedAt(T.plusSeconds(100));
        assertThat(gone.isFollowing()).isFalse();
        assertThat(gone.addressesPostAt(T.plusSeconds(50))).isFalse();
    }

    @Test
    void aRefollowDeliversNothingMadeWhileNotFollowingButKeepsEarlierPeriods() {
        FollowHistory again = new FollowHistory(T.plusSeconds(200), FollowHistory.following(T).unfollowedAt(T.plusSeconds(100)).ended());
        assertThat(again.addressesPostAt(T.plusSeconds(50))).as("made during the first follow").isTrue();
        assertThat(again.addressesPostAt(T.plusSeconds(150))).as("made while not following").isFalse();
        assertThat(again.addressesPostAt(T.plusSeconds(250))).as("made since the re-follow").isTrue();
    }
}

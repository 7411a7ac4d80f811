package dev.tierfeed.core;

import static dev.tierfeed.core.TierRulesTest.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tierfeed.core.DeliveryPolicy.Outcome;
import dev.tierfeed.core.FanOut.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {
    private static final Instant POSTED = Instant.parse("2026-11-01T12:00:00Z");
    private static final Instant WRITTEN = POSTED.plusMillis(300);
    private static final long AUTHOR = 99;
    private static final long FOLLOWER = 7;
    private static final DeliveryPolicy POLICY = new DeliveryPolicy(TierRules.DEFAULTS);
    private static final FollowHistory FOLLOWING = FollowHistory.following(POSTED.minus(Duration.ofDays(1)));

    @Test
    void premiumAndStandardPostsArePushedWithTheirTiersLifetimeLeft() {
        FanOut premium = POLICY.fanOut(FOLLOWER, post(Tier.PREMIUM, POSTED), FOLLOWING, WRITTEN);
        FanOut standard = POLICY.fanOut(FOLLOWER, post(Tier.STANDARD, POSTED), FOLLOWING, WRITTEN);
        assertThat(premium.kind()).isEqualTo(Kind.PUSH);
        assertThat(premium.ttl()).isEqualTo(Duration.ofDays(3).minusMillis(300));
        assertThat(standard.kind()).isEqualTo(Kind.PUSH);
        assertThat(standard.ttl()).isEqualTo(Duration.ofDays(7).minusMillis(300));
        assertThat(premium.needsPresence()).isFalse();
        assertThat(premium.delivers(List.of())).isTrue();
    }

    @Test
    void aFreePostIsPushedOnlyToAFollowerWatchingWhenItWasMade() {
        FanOut free = POLICY.fanOut(FOLLOWER, post(Tier.FREE, POSTED), FOLLOWING, WRITTEN);
        assertThat(free.kind()).isEqualTo(Kind.PUSH_IF_WATCHING);
        assertThat(free.needsPresence()).isTrue();
        assertThat(free.watching()).isEqualTo(new WatchingWindow(POSTED.minusSeconds(60), POSTED));
        assertThat(free.delivers(List.of(POSTED.minusSeconds(60)))).isTrue();
        assertThat(free.delivers(List.of(POSTED))).isTrue();
        assertThat(free.delivers(List.of(POSTED.minusSeconds(61), POSTED.plusMillis(1)))).as("before the window, after the post").isFalse();
        assertThat(free.delivers(List.of())).isFalse();
    }

    @Test
    void theLiveStreamGetsWhatTheFanOutWritesAndAFreePostOnlyOnAConnectionOpenWhenItWasMade() {
        Instant before = POSTED.minus(Duration.ofHours(2)); // long before the presence window: the connection is the watching
        assertThat(POLICY.reachesLive(FOLLOWER, post(Tier.FREE, POSTED), FOLLOWING, before, WRITTEN)).isTrue();
        assertThat(POLICY.reachesLive(FOLLOWER, post(Tier.FREE, POSTED), FOLLOWING, POSTED, WRITTEN)).isTrue();
        assertThat(POLICY.reachesLive(FOLLOWER, post(Tier.FREE, POSTED), FOLLOWING, POSTED.plusMillis(1), WRITTEN)).isFalse();
        assertThat(POLICY.reachesLive(FOLLOWER, post(Tier.PREMIUM, POSTED), FOLLOWING, POSTED.plusMillis(1), WRITTEN)).isTrue();
        assertThat(POLICY.reachesLive(AUTHOR, post(Tier.PREMIUM, POSTED), FOLLOWING, before, WRITTEN)).as("own post").isFalse();
        assertThat(POLICY.reachesLive(FOLLOWER, post(Tier.PREMIUM, POSTED), FollowHistory.following(POSTED.plusMillis(1)), before, WRITTEN))
                .as("followed after the post").isFalse();
        assertThat(POLICY.reachesLive(FOLLOWER, post(Tier.STANDARD, POSTED), FOLLOWING, before, POSTED.plus(Duration.ofDays(8))))
                .as("past its retention").isFalse();
    }

    @Test
    void nothingIsPushedToTheAuthorToAFollowerFromAfterThePostOrWhenTheLifetimeIsOver() {
        assertThat(POLICY.fanOut(AUTHOR, post(Tier.PREMIUM, POSTED), FOLLOWING, WRITTEN).kind()).isEqualTo(Kind.SKIP);
        assertThat(POLICY.fanOut(FOLLOWER, post(Tier.PREMIUM, POSTED), FollowHistory.following(POSTED.plusMillis(1)), WRITTEN).kind())
                .isEqualTo(Kind.SKIP);
        assertThat(POLICY.fanOut(FOLLOWER, post(Tier.PREMIUM, POSTED), null, WRITTEN).kind()).isEqualTo(Kind.SKIP);
        assertThat(POLICY.fanOut(FOLLOWER, post(Tier.STANDARD, POSTED), FOLLOWING, POSTED.plus(Duration.ofDays(7))).kind())
                .as("replayed after the retention").isEqualTo(Kind.SKIP);
        assertThat(POLICY.fanOut(FOLLOWER, post(Tier.STANDARD, POSTED), FOLLOWING, POSTED.plus(Duration.ofDays(7)).minusMillis(1)).kind())
                .isEqualTo(Kind.PUSH);
    }

    @Test
    void aRowsTtlInSecondsOutlivesItsTierByAtLeastASecond() {
        FanOut free = POLICY.fanOut(FOLLOWER, post(Tier.FREE, POSTED), FOLLOWING, WRITTEN);
        // 24 h minus 300 ms is 86399.7 s: rounded up, plus one for Cassandra's truncation of the write time
        assertThat(free.ttlSeconds()).isEqualTo(86_401);
        FanOut exact = POLICY.fanOut(FOLLOWER, post(Tier.FREE, POSTED), FOLLOWING, POSTED.plusSeconds(1));
        assertThat(exact.ttlSeconds()).isEqualTo(86_400);
        assertThatThrownBy(() -> POLICY.fanOut(AUTHOR, post(Tier.FREE, POSTED), FOLLOWING, WRITTEN).ttlSeconds())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPairIsPendingSeenExpiredOrNotAddressed() {
        Instant dayLater = POSTED.plus(Duration.ofDays(1));
        assertThat(POLICY.outcome(FOLLOWER, AUTHOR, Tier.FREE, POSTED, FOLLOWING, false, dayLater.minusMillis(1))).isEqualTo(Outcome.PENDING);
        assertThat(POLICY.outcome(FOLLOWER, AUTHOR, Tier.FREE, POSTED, FOLLOWING, false, dayLater)).isEqualTo(Outcome.EXPIRED_UNSEEN);
        assertThat(POLICY.outcome(FOLLOWER, AUTHOR, Tier.FREE, POSTED, FOLLOWING, true, dayLater)).isEqualTo(Outcome.SEEN);
        assertThat(POLICY.outcome(FOLLOWER, AUTHOR, Tier.PREMIUM, POSTED, FOLLOWING, false, POSTED.plus(Duration.ofDays(3650))))
                .isEqualTo(Outcome.PENDING);
        assertThat(POLICY.outcome(AUTHOR, AUTHOR, Tier.PREMIUM, POSTED, FOLLOWING, false, dayLater)).isEqualTo(Outcome.NOT_ADDRESSED);
        assertThat(POLICY.outcome(FOLLOWER, AUTHOR, Tier.PREMIUM, POSTED, FOLLOWING.unfollowedAt(dayLater), true, dayLater))
                .as("unfollowed: not addressed, even if it was seen").isEqualTo(Outcome.NOT_ADDRESSED);
        assertThat(POLICY.isPending(FOLLOWER, post(Tier.STANDARD, POSTED), false, FOLLOWING, dayLater)).isTrue();
        assertThat(POLICY.isPending(FOLLOWER, post(Tier.STANDARD, POSTED), true, FOLLOWING, dayLater)).isFalse();
    }
}

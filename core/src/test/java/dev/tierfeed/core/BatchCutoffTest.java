package dev.tierfeed.core;

import static dev.tierfeed.core.TierRulesTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tierfeed.core.DeliveryPolicy.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchCutoffTest {
    private static final Instant CUTOFF = Instant.parse("2026-11-22T00:00:00Z");
    private static final BatchCutoff BATCH = new BatchCutoff(CUTOFF);
    private static final Optional<Instant> NOT_SEEN = Optional.empty();
    private static final Optional<Instant> SEEN_AT_CUTOFF = Optional.of(CUTOFF);

    @Test
    void premiumPostsUpToTheCutoffComeFromTheBatchViewLaterOnesFromTheSpeedView() {
        assertThat(Ids.instantOf(BATCH.firstSpeedViewPostId())).isEqualTo(CUTOFF.plusMillis(1));
        assertThat(post(Tier.PREMIUM, CUTOFF).id()).as("made at the cutoff").isLessThan(BATCH.firstSpeedViewPostId());
        assertThat(post(Tier.PREMIUM, CUTOFF.plusMillis(1)).id()).as("made after it").isGreaterThanOrEqualTo(BATCH.firstSpeedViewPostId());
        long lastIdAtTheCutoff = Ids.lowestAt(CUTOFF.plusMillis(1)) - 1;
        assertThat(Ids.instantOf(lastIdAtTheCutoff)).isEqualTo(CUTOFF);
    }

    @Test
    void theBacklogIsComputedAsOfTheCutoff() {
        Instant postedAt = CUTOFF.minusSeconds(100);
        FollowHistory followingSince = FollowHistory.following(CUTOFF.minusSeconds(200));
        assertThat(BATCH.isInBacklog(1, 2, Tier.PREMIUM, postedAt, followingSince, NOT_SEEN)).isTrue();
        assertThat(BATCH.isInBacklog(1, 2, Tier.PREMIUM, postedAt, followingSince, SEEN_AT_CUTOFF)).as("seen by then").isFalse();
        assertThat(BATCH.isInBacklog(2, 2, Tier.PREMIUM, postedAt, followingSince, NOT_SEEN)).as("own post").isFalse();
        assertThat(BATCH.isInBacklog(1, 2, Tier.STANDARD, postedAt, followingSince, NOT_SEEN)).as("not premium").isFalse();
        assertThat(BATCH.isInBacklog(1, 2, Tier.PREMIUM, CUTOFF.plusMillis(1), followingSince, NOT_SEEN)).as("after the cutoff").isFalse();
        // unfollowed after the cutoff: as of the cutoff the post was still addressed
        FollowHistory unfollowedLater = followingSince.unfollowedAt(CUTOFF.plusSeconds(60));
        assertThat(BATCH.isInBacklog(1, 2, Tier.PREMIUM, postedAt, unfollowedLater, NOT_SEEN)).isTrue();
        // followed only after the cutoff: not yet addressed then
        assertThat(BATCH.isInBacklog(1, 2, Tier.PREMIUM, postedAt, FollowHistory.following(CUTOFF.plusSeconds(1)), NOT_SEEN)).isFalse();
        // seen only after the cutoff: still in the backlog as of the cutoff
        assertThat(BATCH.isInBacklog(1, 2, Tier.PREMIUM, postedAt, followingSince, Optional.of(CUTOFF.plusMillis(1)))).isTrue();
    }

    @Test
    void theAuditOutcomeIsTheDeliveryPolicyAsOfTheCutoff() {
        DeliveryPolicy policy = new DeliveryPolicy(TierRules.DEFAULTS);
        FollowHistory follow = FollowHistory.following(CUTOFF.minus(Duration.ofDays(30)));
        Instant eightDaysBefore = CUTOFF.minus(Duration.ofDays(8));
        assertThat(BATCH.outcome(policy, 1, 2, Tier.STANDARD, eightDaysBefore, follow, NOT_SEEN)).isEqualTo(Outcome.EXPIRED_UNSEEN);
        assertThat(BATCH.outcome(policy, 1, 2, Tier.PREMIUM, eightDaysBefore, follow, NOT_SEEN)).isEqualTo(Outcome.PENDING);
        assertThat(BATCH.outcome(policy, 1, 2, Tier.PREMIUM, eightDaysBefore, follow, SEEN_AT_CUTOFF)).isEqualTo(Outcome.SEEN);
        assertThat(BATCH.outcome(policy, 1, 2, Tier.PREMIUM, eightDaysBefore, follow, Optional.of(CUTOFF.plusSeconds(1))))
                .as("seen after the cutoff").isEqualTo(Outcome.PENDING);
        assertThat(BATCH.outcome(policy, 1, 2, Tier.PREMIUM, eightDaysBefore, follow.unfollowedAt(CUTOFF.minusSeconds(1)), NOT_SEEN))
                .as("unfollowed by the cutoff").isEqualTo(Outcome.NOT_ADDRESSED);
        assertThat(BATCH.outcome(policy, 1, 2, Tier.PREMIUM, eightDaysBefore, follow.unfollowedAt(CUTOFF.plusSeconds(1)), NOT_SEEN))
                .as("unfollowed after the cutoff").isEqualTo(Outcome.PENDING);
    }

    @Test
    void aHistoryAsOfAMomentKnowsOnlyWhatHadHappenedByThen() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        FollowHistory history = new FollowHistory(t.plusSeconds(300), FollowHistory.following(t).unfollowedAt(t.plusSeconds(100)).ended());
        assertThat(history.asOf(t.minusSeconds(1)).isFollowing()).isFalse();
        assertThat(history.asOf(t.plusSeconds(50))).isEqualTo(FollowHistory.following(t));
        assertThat(history.asOf(t.plusSeconds(200))).isEqualTo(FollowHistory.following(t).unfollowedAt(t.plusSeconds(100)));
        assertThat(history.asOf(t.plusSeconds(400))).isEqualTo(history);
    }
}

package dev.tierfeed.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierfeed.core.DeliveryPolicy;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PostText;
import dev.tierfeed.core.PullPeriods;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.TierRules;
import dev.tierfeed.core.WatchingWindow;
import dev.tierfeed.streaming.FanOutPlanner.Decision;
import dev.tierfeed.streaming.FanOutPlanner.Follower;
import dev.tierfeed.streaming.FanOutPlanner.SpeedRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fan-out of a micro-batch, decided per follower, without Cassandra. */
class FanOutPlannerTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(30));
    private static final long AUTHOR = 1;
    private static final long OTHER_AUTHOR = 2;
    private static final FanOutPlanner PLANNER = new FanOutPlanner(new DeliveryPolicy(TierRules.DEFAULTS));

    @Test
    void premiumAndStandardPostsGoToEveryFollowerWhoFollowedWhenTheyWereMadeButNeverToTheAuthor() {
        Post premium = post(10, AUTHOR, Tier.PREMIUM, NOW.minusMillis(200));
        Post standard = post(11, AUTHOR, Tier.STANDARD, NOW.minusMillis(100));
        Map<Long, List<Follower>> followers = Map.of(AUTHOR, List.of(
                new Follower(100, LONG_AGO),
                new Follower(101, NOW.minusMillis(150)),     // followed between the two posts
                new Follower(AUTHOR, LONG_AGO)));            // a self-follow row must not deliver

        List<Decision> decisions = PLANNER.decide(List.of(premium, standard), followers, NOW);
        List<SpeedRow> rows = FanOutPlanner.rows(decisions, Map.of());

        assertThat(rows).extracting(row -> row.viewerId() + ":" + row.post().text())
                .containsExactlyInAnyOrder("100:post 10", "100:post 11", "101:post 11");
        assertThat(FanOutPlanner.presenceToRead(decisions)).isEmpty();
        // a row lives its tier's lifetime from the post, in whole seconds, plus one
        assertThat(rows).filteredOn(row -> row.post() == premium).extracting(SpeedRow::ttlSeconds)
                .containsExactly((int) Duration.ofDays(3).toSeconds() + 1);
    }

    @Test
    void aFreePostGoesOnlyToFollowersActiveWithinThePresenceWindowBeforeIt() {
        Instant postedAt = NOW.minusSeconds(1);
        Post free = post(20, AUTHOR, Tier.FREE, postedAt);
        Map<Long, List<Follower>> followers = Map.of(AUTHOR, List.of(
                new Follower(200, LONG_AGO), new Follower(201, LONG_AGO), new Follower(202, LONG_AGO), new Follower(203, LONG_AGO)));

        List<Decision> decisions = PLANNER.decide(List.of(free), followers, NOW);
        Map<Long, WatchingWindow> toRead = FanOutPlanner.presenceToRead(decisions);
        List<SpeedRow> rows = FanOutPlanner.rows(decisions, Map.of(
                200L, List.of(postedAt.minusSeconds(60)),          // at the edge of the window: watching
                201L, List.of(postedAt.minusSeconds(61)),          // before it: not
                202L, List.of(postedAt.plusMillis(1))));           // after the post: not (and 203 was never here)

        assertThat(toRead).containsOnlyKeys(200L, 201L, 202L, 203L)
                .containsEntry(200L, new WatchingWindow(postedAt.minusSeconds(60), postedAt));
        assertThat(rows).extracting(SpeedRow::viewerId).containsExactly(200L);
    }

    @Test
    void eachFollowersPresenceIsReadOnceOverTheSpanOfAllItsWindows() {
        Post early = post(30, AUTHOR, Tier.FREE, NOW.minusSeconds(5));
        Post late = post(31, OTHER_AUTHOR, Tier.FREE, NOW.minusSeconds(1));
        Map<Long, List<Follower>> followers = Map.of(AUTHOR, List.of(new Follower(300, LONG_AGO)),
                OTHER_AUTHOR, List.of(new Follower(300, LONG_AGO)));

        List<Decision> decisions = PLANNER.decide(List.of(early, late), followers, NOW);

        assertThat(FanOutPlanner.authors(List.of(early, late, early), Map.of(), NOW)).containsExactly(AUTHOR, OTHER_AUTHOR);
        assertThat(FanOutPlanner.presenceToRead(decisions))
                .containsExactly(Map.entry(300L, new WatchingWindow(NOW.minusSeconds(65), NOW.minusSeconds(1))));
        // active just before the early post: watching for both
        assertThat(FanOutPlanner.rows(decisions, Map.of(300L, List.of(NOW.minusSeconds(6)))))
                .extracting(row -> row.post().text().value()).containsExactly("post 30", "post 31");
        // active between the two posts: watching for the late one only
        assertThat(FanOutPlanner.rows(decisions, Map.of(300L, List.of(NOW.minusSeconds(4)))))
                .extracting(row -> row.post().text().value()).containsExactly("post 31");
    }

    @Test
    void aPostReplayedAfterItsLifetimeIsPersistedButDeliveredToNobody() {
        Post stale = post(40, AUTHOR, Tier.STANDARD, NOW.minus(Duration.ofDays(7)));
        assertThat(PLANNER.decide(List.of(stale), Map.of(AUTHOR, List.of(new Follower(400, LONG_AGO))), NOW)).isEmpty();
    }

    @Test
    void anAuthorPulledNowHasNoFollowersReadAndSoNoRowsWrittenButOnePulledOnlyBeforeIsPushed() {
        Post post = post(50, AUTHOR, Tier.PREMIUM, NOW.minusSeconds(1));
        Post other = post(51, OTHER_AUTHOR, Tier.PREMIUM, NOW.minusSeconds(1));
        Map<Long, PullPeriods> pulled = Map.of(AUTHOR, PullPeriods.NEVER.pulledFrom(NOW.minusSeconds(10)),
                OTHER_AUTHOR, PullPeriods.NEVER.pulledFrom(NOW.minusSeconds(10)).pushedFrom(NOW.minusSeconds(5)));

        assertThat(FanOutPlanner.authors(List.of(post, other), pulled, NOW)).containsExactly(OTHER_AUTHOR);
    }

    @Test
    void aRecordThatIsNotAPostEventIsSkipped() {
        assertThat(FanOutJob.decode("not json".getBytes())).isEmpty();
        assertThat(FanOutJob.decode("{\"v\":99}".getBytes())).isEmpty();
    }

    /** A post made at {@code at}; the id's low bits keep ids distinct within a millisecond. */
    private static Post post(long n, long author, Tier tier, Instant at) {
        return Post.create(Ids.lowestAt(at) + n, author, tier, new PostText("post " + n));
    }
}

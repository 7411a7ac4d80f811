package dev.tierfeed.systemtests;

import static dev.tierfeed.systemtests.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hybrid fan-out on the real stack, whose threshold is 3 followers ({@code tierfeed-test.properties}):
 * an author with more is pulled at read time and gets no speed-view rows, and every tier rule
 * holds for their posts exactly as for a pushed author's, also across a crossing of the threshold.
 */
@ExtendWith(TierfeedStackExtension.class)
class HybridFanOutTest {
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    private Api api;
    private CqlSession cql;
    private Duration standardRetention;

    @BeforeEach
    void connect(TestStack stack) {
        api = Api.of(stack);
        cql = Cql.open(stack);
        standardRetention = Duration.parse(stack.settings().passThrough().get("TIERFEED_STANDARD_RETENTION"));
    }

    @AfterEach
    void close() {
        cql.close();
    }

    @Test
    void aPulledAuthorsPostsFollowEveryRuleAsAPushedAuthorsDo() {
        String viewer = api.createUser("FREE");
        String pushedPremium = author("PREMIUM", viewer, 0);
        String pulledPremium = author("PREMIUM", viewer, 3);
        String pushedStandard = author("STANDARD", viewer, 0);
        String pulledStandard = author("STANDARD", viewer, 3);

        String p1 = api.createPost(pushedPremium, "pushed premium");
        String p2 = api.createPost(pulledPremium, "pulled premium");
        String s1 = api.createPost(pushedStandard, "pushed standard");
        String s2 = api.createPost(pulledStandard, "pulled standard");
        api.awaitPersisted(DELIVERY, p1, p2, s1, s2);

        // in feed order, each once, the pulled ones without a speed-view row
        assertThat(api.awaitFeedContaining(viewer, DELIVERY, p1, p2, s1, s2)).containsExactly(p2, p1, s2, s1);
        assertThat(speedViewPosts(viewer)).contains(p1, s1).doesNotContain(p2, s2);

        // seen never comes back, whichever way it came
        assertThat(api.post("/v1/users/" + viewer + "/feed/seen", json("postIds", List.of(p2, s1))).status()).isEqualTo(204);
        assertThat(api.feedPostIds(viewer, 100)).containsExactly(p1, s2);

        // standard leaves at its retention, premium stays
        api.awaitFeedLacking(viewer, standardRetention.plus(DELIVERY), s2);
        assertThat(api.feedPostIds(viewer, 100)).containsExactly(p1);

        // an unfollow hides a pulled author at once
        String later = api.createPost(pulledPremium, "pulled, then unfollowed");
        api.awaitFeedContaining(viewer, DELIVERY, later);
        assertThat(api.delete("/v1/users/" + viewer + "/following/" + pulledPremium).status()).isEqualTo(204);
        assertThat(api.feedPostIds(viewer, 100)).containsExactly(p1);
    }

    @Test
    void aFreePostOfAPulledAuthorReachesOnlyFollowersWatchingWhenItIsMade() {
        String watching = api.createUser("STANDARD");
        String idle = api.createUser("STANDARD");
        String free = api.createUser("FREE");
        for (String follower : List.of(watching, idle, api.createUser("FREE"), api.createUser("FREE"))) {
            api.follow(follower, free);
        }
        api.heartbeat(watching);

        String post = api.createPost(free, "pulled, only for those watching");
        api.awaitPersisted(DELIVERY, post);

        assertThat(api.awaitFeedContaining(watching, DELIVERY, post)).containsExactly(post);
        assertThat(api.feedPostIds(idle, 100)).doesNotContain(post);
        assertThat(speedViewPosts(watching)).doesNotContain(post);
    }

    @Test
    void crossingTheThresholdEitherWayLosesAndDoublesNothing() {
        String viewer = api.createUser("FREE");
        String author = author("PREMIUM", viewer, 2);   // three followers: pushed
        String extra = api.createUser("FREE");

        String before = api.createPost(author, "pushed, before the crossing");
        api.awaitFeedContaining(viewer, DELIVERY, before);
        api.follow(extra, author);                      // a fourth: pulled from now
        String during = api.createPost(author, "pulled");
        api.awaitFeedContaining(viewer, DELIVERY, during);
        assertThat(api.delete("/v1/users/" + extra + "/following/" + author).status()).isEqualTo(204);   // three again: pushed
        String after = api.createPost(author, "pushed again");

        assertThat(api.awaitFeedContaining(viewer, DELIVERY, after)).containsExactly(after, during, before);
        assertThat(speedViewPosts(viewer)).contains(before, after).doesNotContain(during);
        assertThat(api.wholeFeed(viewer, 1)).containsExactly(after + ":PREMIUM", during + ":PREMIUM", before + ":PREMIUM");
    }

    /** An author of {@code tier} followed by the viewer and {@code others} more users. */
    private String author(String tier, String viewer, int others) {
        String author = api.createUser(tier);
        api.follow(viewer, author);
        for (int i = 0; i < others; i++) {
            api.follow(api.createUser("FREE"), author);
        }
        return author;
    }

    private List<String> speedViewPosts(String viewer) {
        List<String> posts = new ArrayList<>();
        cql.execute(SimpleStatement.newInstance("SELECT post_id FROM speed_view WHERE viewer_id = ?", Long.parseLong(viewer)))
                .forEach(row -> posts.add(Long.toString(row.getLong("post_id"))));
        return posts;
    }
}

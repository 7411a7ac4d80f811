package dev.tierfeed.systemtests;

import static dev.tierfeed.systemtests.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.tierfeed.core.Tier;
import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The speed layer and the batch layer agree: the same events give the same served feed before
 * the batch runs, after it flips a generation in, and after the premium posts' speed-view rows
 * have expired (the test stack's premium speed TTL is 40 s): no gap, no double, no premium post lost.
 */
@ExtendWith(TierfeedStackExtension.class)
class LambdaAgreementTest {
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @Test
    void theServedFeedIsTheSameFromTheSpeedViewTheBatchViewAndBothAcrossTheCutoff(TestStack stack) {
        Api api = Api.of(stack);
        String premium = api.createUser("PREMIUM");
        String otherPremium = api.createUser("PREMIUM");
        String viewer = api.createUser("FREE");
        String second = api.createUser("STANDARD");
        for (String author : List.of(premium, otherPremium)) {
            api.follow(viewer, author);
        }
        api.follow(second, premium);
        List<String> posts = new ArrayList<>();
        posts.add(api.createPost(premium, "p1"));
        posts.add(api.createPost(otherPremium, "p2"));
        posts.add(api.createPost(premium, "p3"));
        String seen = api.createPost(premium, "p4, seen before the batch");
        api.awaitPersisted(DELIVERY, posts.toArray(String[]::new));
        api.awaitPersisted(DELIVERY, seen);
        api.awaitFeedContaining(viewer, DELIVERY, seen);
        assertThat(api.post("/v1/users/" + viewer + "/feed/seen", json("postIds", List.of(seen))).status()).isEqualTo(204);
        List<String> speedOnly = api.wholeFeed(viewer, 2);
        List<String> secondSpeedOnly = api.wholeFeed(second, 2);
        assertThat(speedOnly).hasSize(3);

        stack.runBatch(Instant.now());
        assertThat(api.wholeFeed(viewer, 2)).as("after the flip").isEqualTo(speedOnly);
        assertThat(api.wholeFeed(second, 2)).isEqualTo(secondSpeedOnly);

        // a post after the cutoff comes from the speed view, in front of the batch-served ones
        String later = api.createPost(otherPremium, "p5, after the cutoff");
        api.awaitFeedContaining(viewer, DELIVERY, later);
        List<String> acrossTheCutoff = new ArrayList<>(List.of(later + ":PREMIUM"));
        acrossTheCutoff.addAll(speedOnly);
        assertThat(api.wholeFeed(viewer, 2)).as("across the cutoff").isEqualTo(acrossTheCutoff);
        for (int pageSize : List.of(1, 3)) {
            assertThat(api.wholeFeed(viewer, pageSize)).as("pages of " + pageSize).isEqualTo(acrossTheCutoff);
        }

        // the next night covers the later post too; then every premium speed-view row expires
        stack.runBatch(Instant.now());
        try (CqlSession cql = Cql.open(stack)) {
            await("the premium speed-view rows expire").atMost(Duration.ofSeconds(90)).pollInterval(Api.POLL)
                    .until(() -> cql.execute(SimpleStatement.newInstance("SELECT count(*) FROM speed_view WHERE viewer_id = ? AND tier_rank = ?",
                            Long.parseLong(viewer), Tier.PREMIUM.rank())).one().getLong(0) == 0);
        }
        assertThat(api.wholeFeed(viewer, 2)).as("from the batch view alone").isEqualTo(acrossTheCutoff);
        assertThat(api.wholeFeed(second, 2)).isEqualTo(secondSpeedOnly);
    }
}

package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The walking skeleton, end to end through HTTP: a post reaches its author's followers. */
@ExtendWith(TierfeedStackExtension.class)
class PostReachesFollowersTest {
    private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(30);

    @Test
    void aPostAppearsInEachFollowersFeedAndNeverInItsAuthors(TestStack stack) {
        Api api = Api.of(stack);
        String author = api.createUser("PREMIUM");
        String bob = api.createUser("STANDARD");
        String carol = api.createUser("FREE");
        api.follow(bob, author);
        api.follow(carol, author);

        String post = api.createPost(author, "hello, followers");

        api.awaitFeedContaining(bob, DELIVERY_DEADLINE, post);
        api.awaitFeedContaining(carol, DELIVERY_DEADLINE, post);
        assertThat(api.feedPostIds(author, 100)).doesNotContain(post);

        Api.Reply item = api.get("/v1/users/" + bob + "/feed?limit=1");
        assertThat(item.body().path("items").get(0).path("tier").asText()).isEqualTo("PREMIUM");
        assertThat(item.body().path("items").get(0).path("post").path("text").asText()).isEqualTo("hello, followers");
        assertThat(item.body().path("items").get(0).path("post").path("authorId").asText()).isEqualTo(author);
    }

    @Test
    void aPersistedPostCanBeReadBack(TestStack stack) {
        Api api = Api.of(stack);
        String author = api.createUser("STANDARD");
        String post = api.createPost(author, "read me back \uD83D\uDE00");

        Api.Reply reply = api.awaitPost(DELIVERY_DEADLINE, post);

        assertThat(reply.text("text")).isEqualTo("read me back \uD83D\uDE00");
        assertThat(reply.text("authorId")).isEqualTo(author);
        assertThat(reply.text("tier")).isEqualTo("STANDARD");
    }

    @Test
    void anUnfollowedAuthorsNewPostsDoNotArrive(TestStack stack) {
        Api api = Api.of(stack);
        String author = api.createUser("PREMIUM");
        String leaver = api.createUser("FREE");
        String stayer = api.createUser("FREE");
        api.follow(leaver, author);
        api.follow(leaver, author); // following twice is harmless
        api.follow(stayer, author);
        assertThat(api.delete("/v1/users/" + leaver + "/following/" + author).status()).isEqualTo(204);

        String post = api.createPost(author, "only for those who stayed");

        // the same micro-batch writes every follower's row, so once the stayer has it, the leaver never will
        api.awaitFeedContaining(stayer, DELIVERY_DEADLINE, post);
        assertThat(api.feedPostIds(leaver, 100)).doesNotContain(post);
    }

    @Test
    void theFeedIsNewestFirstAndPagesWithoutSkipsOrRepeats(TestStack stack) {
        Api api = Api.of(stack);
        String author = api.createUser("STANDARD");
        String viewer = api.createUser("STANDARD");
        api.follow(viewer, author);
        String first = api.createPost(author, "one");
        String second = api.createPost(author, "two");
        String third = api.createPost(author, "three");
        api.awaitFeedContaining(viewer, DELIVERY_DEADLINE, first, second, third);

        Api.Reply page1 = api.get("/v1/users/" + viewer + "/feed?limit=2");
        assertThat(Api.postIds(page1.body().path("items"))).containsExactly(third, second);
        String token = page1.text("nextPageToken");
        Api.Reply page2 = api.get("/v1/users/" + viewer + "/feed?limit=2&pageToken=" + token);
        assertThat(Api.postIds(page2.body().path("items"))).containsExactly(first);
        assertThat(page2.body().path("nextPageToken").isNull()).isTrue();
    }

    @Test
    void theHealthCheckCoversCassandraKafkaAndTheStreamingQuery(TestStack stack) {
        Api admin = new Api(stack.adminUri());
        Api.Reply health = admin.get("/healthcheck");
        assertThat(health.status()).isEqualTo(200);
        for (String check : List.of("cassandra", "kafka", "streaming")) {
            assertThat(health.body().path(check).path("healthy").asBoolean()).as(check).isTrue();
        }
    }
}

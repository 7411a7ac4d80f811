package dev.tierfeed.systemtests;

import static dev.tierfeed.systemtests.Api.assertError;
import static dev.tierfeed.systemtests.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Public profiles on the real stack: the owner edits them, everyone reads them, and posts carry their author. */
@ExtendWith(TierfeedStackExtension.class)
class ProfileTest {

    @Test
    void theOwnerSetsAProfileWithAnAvatarAndFeedsPostsAndListsShowTheAuthorWithIt(TestStack stack) throws IOException {
        Api api = Api.of(stack);
        String author = api.createUser("PREMIUM");
        String follower = api.createUser("FREE");
        api.follow(follower, author);
        String photo = api.upload(author, MediaTest.png(), "image/png").text("id");

        Api.Reply changed = api.as(author).patch("/v1/users/" + author, json("displayName", "  Ada Lovelace ", "bio", "Analyst.\nPoet.",
                "website", "https://ada.example/", "location", "London", "avatarId", photo));
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        JsonNode user = api.get("/v1/users/" + author).body();
        assertThat(user.path("displayName").asText()).isEqualTo("Ada Lovelace");
        assertThat(user.path("bio").asText()).isEqualTo("Analyst.\nPoet.");
        assertThat(user.path("website").asText()).isEqualTo("https://ada.example/");
        assertThat(user.path("location").asText()).isEqualTo("London");
        assertThat(user.path("avatarUrl").asText()).isEqualTo("/v1/media/" + photo);
        assertThat(user.path("tier").asText()).isEqualTo("PREMIUM");
        assertThat(api.get("/v1/users?handle=" + user.path("handle").asText()).body()).isEqualTo(user);

        // a part left out stays; an empty text clears a part
        assertThat(api.as(author).patch("/v1/users/" + author, json("location", "")).status()).isEqualTo(200);
        JsonNode cleared = api.get("/v1/users/" + author).body();
        assertThat(cleared.path("location").isNull()).isTrue();
        assertThat(cleared.path("displayName").asText()).isEqualTo("Ada Lovelace");

        String postId = api.createPost(author, "with a face");
        api.awaitFeedContaining(follower, Duration.ofSeconds(30), postId);
        JsonNode item = api.get("/v1/users/" + follower + "/feed?limit=100").body().path("items").findParents("post").stream()
                .map(parent -> parent.path("post")).filter(post -> post.path("id").asText().equals(postId)).findFirst().orElseThrow();
        for (JsonNode shown : List.of(item.path("author"), api.get("/v1/posts/" + postId).body().path("author"),
                api.get("/v1/users/" + author + "/posts").body().path("items").get(0).path("author"))) {
            assertThat(shown.path("id").asText()).isEqualTo(author);
            assertThat(shown.path("handle").asText()).isEqualTo(user.path("handle").asText());
            assertThat(shown.path("displayName").asText()).isEqualTo("Ada Lovelace");
            assertThat(shown.path("avatarUrl").asText()).isEqualTo("/v1/media/" + photo);
        }
        assertThat(api.get("/v1/users/" + follower + "/following").body().path("items").get(0).path("user").path("displayName").asText())
                .isEqualTo("Ada Lovelace");
    }

    @Test
    void nobodyElseEditsAProfileAndBadPartsAreRefusedWritingNothing(TestStack stack) throws IOException {
        Api api = Api.of(stack);
        String owner = api.createUser("FREE");
        String other = api.createUser("FREE");
        String othersPhoto = api.upload(other, MediaTest.png(), "image/png").text("id");
        assertThat(api.as(owner).patch("/v1/users/" + owner, json("bio", "mine")).status()).isEqualTo(200);

        assertError(api.as(other).patch("/v1/users/" + owner, json("bio", "not yours")), 403, "not_your_account");
        assertError(api.asOperator().patch("/v1/users/" + owner, json("bio", "the operator's")), 403, "not_your_account");
        assertError(api.anonymous().patch("/v1/users/" + owner, json("bio", "anyone's")), 401, "unauthenticated");
        assertError(api.as(owner).patch("/v1/users/" + owner, json("avatarId", othersPhoto)), 422, "media_not_found");
        assertError(api.as(owner).patch("/v1/users/" + owner, json("website", "javascript:alert(1)", "bio", "changed")), 422, "invalid_website");
        assertError(api.as(owner).patch("/v1/users/" + owner, json("displayName", "x".repeat(51))), 422, "display_name_too_long");
        assertError(api.as(owner).patch("/v1/users/" + owner, json("bio", 5)), 422, "invalid_body");
        assertError(api.as(owner).patch("/v1/users/" + owner, json("tier", "PREMIUM")), 403, "operator_only");

        JsonNode user = api.get("/v1/users/" + owner).body();
        assertThat(user.path("bio").asText()).isEqualTo("mine");
        assertThat(user.path("avatarUrl").isNull()).isTrue();
        assertThat(user.path("website").isNull()).isTrue();
        assertThat(user.path("tier").asText()).isEqualTo("FREE");
    }
}

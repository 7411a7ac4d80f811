package dev.tierfeed.systemtests;

import static dev.tierfeed.systemtests.Api.assertError;
import static dev.tierfeed.systemtests.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import dev.tierfeed.stack.TierfeedStackExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** API v1 statuses and error bodies: every refusal is a JSON {code, message} and writes nothing. */
@ExtendWith(TierfeedStackExtension.class)
class ApiValidationTest {
    private Api api;

    @BeforeEach
    void connect(TestStack stack) {
        api = Api.of(stack);
    }

    @Test
    void signingUpAnswers201WithAFreeUserAndItsLocation() {
        String handle = Api.uniqueHandle();
        Api.Reply created = api.post("/v1/users", json("handle", handle, "password", Api.PASSWORD));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("handle")).isEqualTo(handle);
        assertThat(created.text("tier")).isEqualTo("FREE");
        assertThat(created.body().has("password")).isFalse();
        assertThat(created.text("id")).matches("[0-9]+");
        assertThat(created.raw().headers().firstValue("Location")).hasValueSatisfying(l -> l.endsWith("/v1/users/" + created.text("id")));
        Api.Reply read = api.get("/v1/users/" + created.text("id"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(created.body());
    }

    @Test
    void aTakenHandleIsAConflictWhateverItsCase() {
        String handle = Api.uniqueHandle();
        Api.Reply first = api.post("/v1/users", json("handle", handle, "password", Api.PASSWORD));
        Api.Reply second = api.post("/v1/users", json("handle", handle.toUpperCase(), "password", "another long password"));

        assertError(second, 409, "handle_taken");
        assertThat(api.get("/v1/users/" + first.text("id")).text("tier")).isEqualTo("FREE");
    }

    @Test
    void invalidUserBodiesAre422() {
        assertError(api.post("/v1/users", json("handle", "no spaces", "password", Api.PASSWORD)), 422, "invalid_handle");
        assertError(api.post("/v1/users", json("password", Api.PASSWORD)), 422, "handle_required");
        assertError(api.post("/v1/users", json("handle", Api.uniqueHandle())), 422, "password_required");
        assertError(api.post("/v1/users", json("handle", Api.uniqueHandle(), "password", "too short")), 422, "password_too_short");
        assertError(api.post("/v1/users", json("handle", Api.uniqueHandle(), "password", "qwertyuiop")), 422, "password_too_common");
        assertError(api.post("/v1/users", "[1, 2]"), 422, "invalid_body");
        assertError(api.post("/v1/users", ""), 422, "body_required");
    }

    @Test
    void aBodyThatIsNotJsonIs400() {
        assertError(api.post("/v1/users", "{\"handle\": "), 400, "malformed_json");
    }

    @Test
    void refusedPostsAreNotPublished() {
        String author = api.createUser("PREMIUM");
        String follower = api.createUser("FREE");
        api.follow(follower, author);

        assertError(api.post("/v1/posts", json("authorId", author, "text", "")), 422, "text_required");
        assertError(api.post("/v1/posts", json("authorId", author, "text", "x".repeat(281))), 422, "text_too_long");
        assertError(api.post("/v1/posts", json("authorId", author)), 422, "text_required");
        assertError(api.post("/v1/posts", json("text", "who wrote me?")), 401, "unauthenticated");
        assertError(api.as(author).post("/v1/posts", json("authorId", "12x", "text", "hi")), 422, "malformed_id");
        assertError(api.as(author).post("/v1/posts", json("authorId", "1", "text", "hi")), 403, "not_your_account");

        String accepted = api.createPost(author, "\uD83D\uDE00".repeat(280));
        api.awaitFeedContaining(follower, java.time.Duration.ofSeconds(30), accepted);
        assertThat(api.feedPostIds(follower, 100)).containsExactly(accepted);
    }

    @Test
    void unknownUsersAre404AndMalformedIdsAre400() {
        assertError(api.get("/v1/users/42"), 404, "user_not_found");
        assertError(api.get("/v1/users/forty-two"), 400, "malformed_id");
        assertError(api.get("/v1/posts/42"), 404, "post_not_found");
        String user = api.createUser("FREE");
        assertError(api.as(user).get("/v1/users/42/feed"), 403, "not_your_account");
        assertError(api.put("/v1/users/" + user + "/following/42"), 404, "user_not_found");
        assertError(api.put("/v1/users/" + user + "/following/" + user), 422, "self_follow");
    }

    @Test
    void feedParametersAreChecked() {
        String user = api.createUser("FREE");
        assertError(api.get("/v1/users/" + user + "/feed?limit=0"), 400, "invalid_limit");
        assertError(api.get("/v1/users/" + user + "/feed?limit=101"), 400, "invalid_limit");
        assertError(api.get("/v1/users/" + user + "/feed?limit=ten"), 400, "invalid_limit");
        assertError(api.get("/v1/users/" + user + "/feed?pageToken=bogus"), 400, "malformed_page_token");
        assertThat(api.get("/v1/users/" + user + "/feed?limit=100").status()).isEqualTo(200);
    }

    @Test
    void wrongTypesUnknownFieldsInexactTiersAndOversizedBodiesAreRefusedAndWriteNothing() {
        String author = api.createUser("FREE");
        Api asAuthor = api.as(author);

        assertError(asAuthor.post("/v1/posts", json("text", 5)), 422, "invalid_body");
        assertError(asAuthor.post("/v1/posts", json("text", "hi", "mediaIds", "1")), 422, "invalid_body");
        assertError(asAuthor.post("/v1/posts", json("text", "hi", "mediaID", List.of())), 422, "unknown_field");
        Api.Reply tooLarge = asAuthor.post("/v1/posts", json("text", "x".repeat(70_000)));
        assertError(tooLarge, 413, "body_too_large");
        assertThat(tooLarge.raw().headers().firstValue("Connection")).contains("close"); // the unread body ends the connection
        assertError(api.post("/v1/users", json("handle", Api.uniqueHandle(), "password", Api.PASSWORD, "tier", "PREMIUM")), 422, "unknown_field");
        assertError(api.asOperator().patch("/v1/users/" + author, json("tier", "premium ")), 422, "unknown_tier");
        assertError(api.asOperator().patch("/v1/users/" + author, json("tier", "premium")), 422, "unknown_tier");

        String accepted = api.createPost(author, "the only post");
        await("the accepted post").atMost(java.time.Duration.ofSeconds(30)).pollInterval(Api.POLL)
                .until(() -> Api.postIdsOfList(api.get("/v1/users/" + author + "/posts").body().path("items")), ids -> !ids.isEmpty());
        assertThat(Api.postIdsOfList(api.get("/v1/users/" + author + "/posts").body().path("items"))).containsExactly(accepted);
        assertThat(api.get("/v1/users/" + author).text("tier")).isEqualTo("FREE");
    }

    @Test
    void pathsJettyRefusesAnswerInTheApisJsonShapeToo() {
        for (String path : List.of("/v1/users/a%2Fb/feed", "//v1/users", "/v1/users/%00")) {
            Api.Reply reply = api.get(path);
            assertError(reply, 400, "bad_request");
            assertThat(reply.raw().headers().firstValue("Content-Type")).as(path).contains("application/json");
        }
    }

    @Test
    void unknownPathsAndMethodsAnswerInTheSameErrorShape() {
        assertError(api.get("/v1/nothing-here"), 404, "not_found");
        assertError(api.delete("/v1/posts/1"), 405, "method_not_allowed");
    }
}

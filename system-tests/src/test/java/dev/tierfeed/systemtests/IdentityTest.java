package dev.tierfeed.systemtests;

import static dev.tierfeed.systemtests.Api.assertError;
import static dev.tierfeed.systemtests.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import dev.tierfeed.stack.TierfeedStackExtension;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Accounts and tokens on the real stack: sign-up, log-in and log-out; every request that acts for a
 * user acts as its token's user and no one else; tiers change only with the operator's token.
 */
@ExtendWith(TierfeedStackExtension.class)
class IdentityTest {

    @Test
    void aUserSignsUpLogsInActsWithTheTokenAndLogsOut(TestStack stack) {
        Api api = Api.of(stack);
        String handle = Api.uniqueHandle();
        String id = api.post("/v1/users", json("handle", handle, "password", "my own long password")).text("id");

        assertThat(api.get("/v1/users?handle=" + handle.toUpperCase()).text("id")).isEqualTo(id); // handles ignore case
        assertError(api.get("/v1/users?handle=" + Api.uniqueHandle()), 404, "user_not_found");
        assertError(api.get("/v1/users?handle=no%20such"), 400, "invalid_handle");
        assertError(api.get("/v1/users"), 400, "handle_required");
        Api.Reply session = api.logIn(handle.toUpperCase(), "my own long password");
        String token = session.text("token");
        assertThat(session.text("userId")).isEqualTo(id);
        assertThat(Instant.parse(session.text("expiresAt"))).isAfter(Instant.now().plusSeconds(3600));
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);

        Api.Reply posted = api.withToken(token).post("/v1/posts", json("text", "my first post"));
        assertThat(posted.status()).as(posted.raw().body()).isEqualTo(202);
        assertThat(posted.text("authorId")).isEqualTo(id);
        assertThat(api.withToken(token).get("/v1/users/" + id + "/feed").status()).isEqualTo(200);

        assertThat(api.withToken(token).delete("/v1/sessions/current").status()).isEqualTo(204);
        assertError(api.withToken(token).get("/v1/users/" + id + "/feed"), 401, "unauthenticated");
        assertError(api.withToken(token).post("/v1/posts", json("text", "after log-out")), 401, "unauthenticated");
    }

    @Test
    void wrongPasswordsAndUnknownHandlesGetTheSameRefusal(TestStack stack) {
        Api api = Api.of(stack);
        String handle = Api.uniqueHandle();
        api.post("/v1/users", json("handle", handle, "password", "my own long password"));

        Api.Reply wrong = api.post("/v1/sessions", json("handle", handle, "password", "not my password"));
        Api.Reply unknown = api.post("/v1/sessions", json("handle", Api.uniqueHandle(), "password", "not my password"));
        Api.Reply malformed = api.post("/v1/sessions", json("handle", "no such handle!", "password", "not my password"));

        assertError(wrong, 401, "invalid_credentials");
        assertError(unknown, 401, "invalid_credentials");
        assertError(malformed, 401, "invalid_credentials");
        assertThat(unknown.text("message")).isEqualTo(wrong.text("message"));
        assertError(api.anonymous().get("/v1/users/1/feed"), 401, "unauthenticated");
        assertError(api.withToken("forged-token").get("/v1/users/1/feed"), 401, "unauthenticated");
    }

    @Test
    void nobodyActsForAnotherUser(TestStack stack) {
        Api api = Api.of(stack);
        String mallory = api.createUser("FREE");
        String alice = api.createUser("PREMIUM");
        String bob = api.createUser("FREE");
        api.follow(bob, alice);
        String post = api.createPost(alice, "for bob");
        api.awaitFeedContaining(bob, java.time.Duration.ofSeconds(30), post);
        Api asMallory = api.as(mallory);

        assertError(asMallory.post("/v1/posts", json("authorId", alice, "text", "I am alice")), 403, "not_your_account");
        assertError(asMallory.get("/v1/users/" + bob + "/feed"), 403, "not_your_account");
        assertError(asMallory.post("/v1/users/" + bob + "/feed/seen", json("postIds", List.of(post))), 403, "not_your_account");
        assertError(asMallory.post("/v1/users/" + bob + "/presence", ""), 403, "not_your_account");
        assertError(asMallory.delete("/v1/users/" + bob + "/following/" + alice), 403, "not_your_account");
        assertError(asMallory.put("/v1/users/" + bob + "/following/" + mallory), 403, "not_your_account");

        // nothing happened for bob: still following alice, her post still pending, and no follow of mallory
        assertThat(api.feedPostIds(bob, 100)).contains(post);
        assertThat(api.get("/v1/users/" + mallory + "/followers").body().path("items")).isEmpty();
        // public reads stay public
        assertThat(api.anonymous().get("/v1/users/" + alice + "/posts").status()).isEqualTo(200);
        assertThat(api.anonymous().get("/v1/users/" + alice).text("tier")).isEqualTo("PREMIUM");
    }

    @Test
    void onlyTheOperatorChangesTiersOrOpensASessionForAUser(TestStack stack) {
        Api api = Api.of(stack);
        String user = api.createUser("FREE");

        assertError(api.as(user).patch("/v1/users/" + user, json("tier", "PREMIUM")), 403, "operator_only");
        assertError(api.anonymous().patch("/v1/users/" + user, json("tier", "PREMIUM")), 401, "unauthenticated");
        assertThat(api.get("/v1/users/" + user).text("tier")).isEqualTo("FREE");
        Api.Reply upgraded = api.asOperator().patch("/v1/users/" + user, json("tier", "PREMIUM"));
        assertThat(upgraded.status()).isEqualTo(200);
        assertThat(upgraded.text("tier")).isEqualTo("PREMIUM");

        assertError(api.as(user).post("/v1/sessions", json("userId", user)), 403, "operator_only");
        assertError(api.anonymous().post("/v1/sessions", json("userId", user)), 403, "operator_only");
        Api.Reply opened = api.asOperator().post("/v1/sessions", json("userId", user));
        assertThat(opened.status()).isEqualTo(201);
        assertThat(api.withToken(opened.text("token")).get("/v1/users/" + user + "/feed").status()).isEqualTo(200);
        assertError(api.asOperator().post("/v1/posts", json("text", "the operator is no user")), 403, "not_your_account");
    }
}

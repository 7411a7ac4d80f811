package dev.tierfeed.serving.resources;

import static dev.tierfeed.serving.resources.Resources.as;
import static dev.tierfeed.serving.resources.Resources.codeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tierfeed.core.Follow;
import dev.tierfeed.core.Handle;
import dev.tierfeed.core.IdGenerator;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.ListCursor;
import dev.tierfeed.core.MediaKind;
import dev.tierfeed.core.MediaRef;
import dev.tierfeed.core.Profile;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.User;
import dev.tierfeed.core.UserEvent;
import dev.tierfeed.serving.auth.PasswordHasher;
import dev.tierfeed.serving.db.FollowStore;
import dev.tierfeed.serving.db.FollowStore.Followship;
import dev.tierfeed.serving.db.PostStore;
import dev.tierfeed.serving.db.UserCache;
import dev.tierfeed.serving.db.UserStore;
import dev.tierfeed.serving.events.LogPublisher;
import dev.tierfeed.serving.feed.PulledAuthors;
import dev.tierfeed.serving.objects.MediaStore;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.InOrder;

/** The user resource on its own: creation, follows and the paged lists; stores replaced. */
@ExtendWith(DropwizardExtensionsSupport.class)
class UserResourceTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final UserStore USERS = mock(UserStore.class);
    private static final FollowStore FOLLOWS = mock(FollowStore.class);
    private static final PostStore POSTS = mock(PostStore.class);
    private static final LogPublisher LOG = mock(LogPublisher.class);
    private static final MediaStore MEDIA = mock(MediaStore.class);
    private static final PasswordHasher HASHER = mock(PasswordHasher.class);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ResourceExtension RESOURCE = Resources.of(new UserResource(USERS, new UserCache(USERS, Duration.ofMinutes(1), 100),
            FOLLOWS, mock(PulledAuthors.class), POSTS, MEDIA, LOG, HASHER, new IdGenerator(CLOCK, 1), CLOCK));

    @AfterEach
    void forget() {
        reset(USERS, FOLLOWS, POSTS, LOG, HASHER, MEDIA);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNewUserIs201AsAFreeAccountWithItsPasswordHashedAndATakenHandleIs409() {
        when(HASHER.hash(any())).thenReturn("$argon2id$hash");
        when(USERS.create(any(), eq("$argon2id$hash"), any())).thenAnswer(call -> {
            call.getArgument(2, Consumer.class).accept(call.getArgument(0)); // the store runs the hook once the handle is claimed
            return true;
        }).thenReturn(false);

        Response created = create(Map.of("handle", "Ada", "password", "correct horse battery"));
        Response taken = create(Map.of("handle", "ada", "password", "correct horse battery"));

        assertThat(created.getStatus()).isEqualTo(201);
        JsonNode user = created.readEntity(JsonNode.class);
        assertThat(user.path("tier").asText()).isEqualTo("FREE");
        assertThat(user.has("password")).isFalse();
        assertThat(created.getLocation().getPath()).isEqualTo("/v1/users/" + user.path("id").asText());
        assertThat(taken.getStatus()).isEqualTo(409);
        assertThat(codeOf(taken)).isEqualTo("handle_taken");
        long id = Long.parseLong(user.path("id").asText());
        verify(LOG).appendNow(List.of(UserEvent.userCreated(new User(id, new Handle("Ada"), Tier.FREE, Ids.instantOf(id)))));
    }

    @Test
    void followsUnfollowsAndTierChangesAreLoggedBeforeTheyAreStoredAndNotStoredWhenTheLogRefuses() {
        when(USERS.find(1)).thenReturn(Optional.of(user(1, "ada")));
        when(USERS.find(2)).thenReturn(Optional.of(user(2, "bob")));
        when(USERS.changeTier(1, Tier.PREMIUM)).thenReturn(true);

        assertThat(RESOURCE.target("/v1/users/1/following/2").request().header("Authorization", as(1)).put(Entity.json("{}")).getStatus()).isEqualTo(204);
        assertThat(RESOURCE.target("/v1/users/1/following/2").request().header("Authorization", as(1)).delete().getStatus()).isEqualTo(204);
        assertThat(RESOURCE.target("/v1/users/1").request().header("Authorization", Resources.OPERATOR)
                .method("PATCH", Entity.json(Map.of("tier", "PREMIUM"))).getStatus()).isEqualTo(200);

        InOrder logThenStore = inOrder(LOG, FOLLOWS, USERS);
        logThenStore.verify(LOG).appendNow(List.of(UserEvent.follow(new Follow(1, 2, NOW))));
        logThenStore.verify(FOLLOWS).follow(new Follow(1, 2, NOW));
        logThenStore.verify(LOG).appendNow(List.of(UserEvent.unfollow(1, 2, NOW)));
        logThenStore.verify(FOLLOWS).unfollow(1, 2, NOW);
        logThenStore.verify(LOG).appendNow(List.of(UserEvent.tierChanged(1, Tier.PREMIUM, NOW)));
        logThenStore.verify(USERS).changeTier(1, Tier.PREMIUM);

        reset(FOLLOWS);
        doThrow(new LogPublisher.LogUnavailableException(new RuntimeException("down"))).when(LOG).appendNow(any());
        Response refused = RESOURCE.target("/v1/users/1/following/2").request().header("Authorization", as(1)).put(Entity.json("{}"));
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(codeOf(refused)).isEqualTo("log_unavailable");
        verify(FOLLOWS, never()).follow(any(Follow.class));
    }

    @Test
    void invalidUserBodiesAre422AndCreateNobody() {
        assertThat(codeOf(create(Map.of("handle", "no spaces", "password", "correct horse battery")))).isEqualTo("invalid_handle");
        assertThat(codeOf(create(Map.of("password", "correct horse battery")))).isEqualTo("handle_required");
        assertThat(codeOf(create(Map.of("handle", "ada")))).isEqualTo("password_required");
        assertThat(codeOf(create(Map.of("handle", "ada", "password", "short")))).isEqualTo("password_too_short");
        assertThat(codeOf(create(Map.of("handle", "ada", "password", "password123")))).isEqualTo("password_too_common");
        Response noBody = RESOURCE.target("/v1/users").request().header("Authorization", as(1)).post(Entity.json(""));
        assertThat(noBody.getStatus()).isEqualTo(422);
        assertThat(codeOf(noBody)).isEqualTo("body_required");
        verify(USERS, never()).create(any(), any(), any());
        verify(HASHER, never()).hash(any());
        verify(LOG, never()).appendNow(any());
    }

    @Test
    void onlyTheOperatorCreatesAnAccountWithoutAPassword() {
        when(USERS.create(any(), any(), any())).thenReturn(true);

        Response byOperator = RESOURCE.target("/v1/users").request().header("Authorization", Resources.OPERATOR)
                .post(Entity.json(Map.of("handle", "imported")));
        Response byUser = create(Map.of("handle", "imported2"));
        Response anonymous = RESOURCE.target("/v1/users").request().post(Entity.json(Map.of("handle", "imported3")));

        assertThat(byOperator.getStatus()).isEqualTo(201);
        verify(USERS).create(any(), eq(null), any());
        assertThat(codeOf(byUser)).isEqualTo("password_required");
        assertThat(codeOf(anonymous)).isEqualTo("password_required");
        verify(HASHER, never()).hash(any());
    }

    @Test
    void onlyTheOperatorChangesTiersAndOnlyTheUserFollowsForThemselves() {
        when(USERS.find(1)).thenReturn(Optional.of(user(1, "ada")));
        when(USERS.find(2)).thenReturn(Optional.of(user(2, "bob")));

        Response selfUpgrade = RESOURCE.target("/v1/users/1").request().header("Authorization", as(1))
                .method("PATCH", Entity.json(Map.of("tier", "PREMIUM")));
        Response anonymousUpgrade = RESOURCE.target("/v1/users/1").request().method("PATCH", Entity.json(Map.of("tier", "PREMIUM")));
        Response forSomeoneElse = RESOURCE.target("/v1/users/2/following/1").request().header("Authorization", as(1)).put(Entity.json("{}"));
        Response unfollowForSomeoneElse = RESOURCE.target("/v1/users/2/following/1").request().header("Authorization", as(1)).delete();

        assertThat(selfUpgrade.getStatus()).isEqualTo(403);
        assertThat(codeOf(selfUpgrade)).isEqualTo("operator_only");
        assertThat(anonymousUpgrade.getStatus()).isEqualTo(401);
        assertThat(codeOf(anonymousUpgrade)).isEqualTo("unauthenticated");
        assertThat(forSomeoneElse.getStatus()).isEqualTo(403);
        assertThat(codeOf(forSomeoneElse)).isEqualTo("not_your_account");
        assertThat(unfollowForSomeoneElse.getStatus()).isEqualTo(403);
        verify(USERS, never()).changeTier(anyLong(), any());
        verify(FOLLOWS, never()).follow(any(Follow.class));
        verify(FOLLOWS, never()).unfollow(anyLong(), anyLong(), any());
        verify(LOG, never()).appendNow(any());
    }

    @Test
    void aFollowNeedsBothUsersAndIsNeverOfOneself() {
        User ada = user(1, "ada");
        when(USERS.find(1)).thenReturn(Optional.of(ada));

        Response self = RESOURCE.target("/v1/users/1/following/1").request().header("Authorization", as(1)).put(Entity.json("{}"));
        Response unknown = RESOURCE.target("/v1/users/1/following/2").request().header("Authorization", as(1)).put(Entity.json("{}"));
        Response malformed = RESOURCE.target("/v1/users/1/following/two").request().header("Authorization", as(1)).put(Entity.json("{}"));

        assertThat(self.getStatus()).isEqualTo(422);
        assertThat(codeOf(self)).isEqualTo("self_follow");
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(codeOf(unknown)).isEqualTo("user_not_found");
        assertThat(malformed.getStatus()).isEqualTo(400);
        assertThat(codeOf(malformed)).isEqualTo("malformed_id");
        verify(FOLLOWS, never()).follow(any(Follow.class));
        verify(LOG, never()).appendNow(any());
    }

    @Test
    void followerListsArePagedByIdWithATokenAfterTheLastShown() {
        when(USERS.find(1)).thenReturn(Optional.of(user(1, "ada")));
        when(FOLLOWS.followers(1, 5, 3)).thenReturn(List.of(new Followship(7, NOW), new Followship(9, NOW), new Followship(11, NOW)));
        when(USERS.findAll(List.of(7L, 9L, 11L))).thenReturn(Map.of(7L, user(7, "g"), 9L, user(9, "n"), 11L, user(11, "e")));

        JsonNode page = RESOURCE.target("/v1/users/1/followers").queryParam("limit", 2)
                .queryParam("pageToken", new ListCursor(5).encode()).request().header("Authorization", as(1)).get(JsonNode.class);

        assertThat(page.path("items").findValuesAsText("handle")).containsExactly("g", "n");
        assertThat(ListCursor.decode(page.path("nextPageToken").asText())).isEqualTo(new ListCursor(9));
        Response tooBig = RESOURCE.target("/v1/users/1/followers").queryParam("limit", 101).request().header("Authorization", as(1)).get();
        assertThat(tooBig.getStatus()).isEqualTo(400);
        assertThat(codeOf(tooBig)).isEqualTo("invalid_limit");
        verify(FOLLOWS, never()).followers(anyLong(), anyLong(), eq(102));
    }

    @Test
    void theOwnerChangesOnlyTheNamedPartsOfTheProfileLoggedBeforeStoredAndTheAvatarMustBeTheirOwnPhoto() {
        // user 3 appears in no other test: the resource's user cache outlives each test
        Profile before = Profile.EMPTY.withBio("old bio").withLocation("Paris");
        when(USERS.find(3)).thenReturn(Optional.of(new User(3, new Handle("ada"), Tier.FREE, NOW, before)));
        when(USERS.changeProfile(anyLong(), any(), any())).thenReturn(true);
        when(MEDIA.uploadedBy(3, 70)).thenReturn(Optional.of(new MediaRef(70, MediaKind.PNG)));

        Response changed = patch(3, as(3), Map.of("displayName", " Ada L. ", "website", "https://ada.example", "location", "", "avatarId", "70"));

        assertThat(changed.getStatus()).isEqualTo(200);
        Profile after = before.withDisplayName("Ada L.").withWebsite("https://ada.example").withLocation("")
                .withAvatar(Optional.of(new MediaRef(70, MediaKind.PNG)));
        InOrder logThenStore = inOrder(LOG, USERS);
        logThenStore.verify(LOG).appendNow(List.of(UserEvent.profileChanged(3, NOW)));
        logThenStore.verify(USERS).changeProfile(3, after, EnumSet.of(UserStore.ProfilePart.DISPLAY_NAME, UserStore.ProfilePart.WEBSITE,
                UserStore.ProfilePart.LOCATION, UserStore.ProfilePart.AVATAR));
    }

    @Test
    void refusedProfileChangesWriteNothing() {
        when(USERS.find(1)).thenReturn(Optional.of(user(1, "ada")));
        when(USERS.find(2)).thenReturn(Optional.of(user(2, "bob")));
        when(MEDIA.uploadedBy(1, 71)).thenReturn(Optional.of(new MediaRef(71, MediaKind.MP4)));
        when(MEDIA.uploadedBy(1, 72)).thenReturn(Optional.empty()); // not uploaded, or someone else's

        assertThat(codeOf(patch(1, as(1), Map.of("website", "javascript:alert(1)")))).isEqualTo("invalid_website");
        assertThat(codeOf(patch(1, as(1), Map.of("displayName", "x".repeat(51))))).isEqualTo("display_name_too_long");
        assertThat(codeOf(patch(1, as(1), Map.of("avatarId", "71")))).isEqualTo("avatar_not_a_photo");
        assertThat(codeOf(patch(1, as(1), Map.of("avatarId", "72")))).isEqualTo("media_not_found");
        assertThat(codeOf(patch(1, as(1), Map.of("avatarId", "seventy")))).isEqualTo("malformed_id");
        assertThat(codeOf(patch(1, as(1), Map.of()))).isEqualTo("nothing_to_change");
        assertThat(codeOf(patch(1, Resources.OPERATOR, Map.of("tier", "PREMIUM", "bio", "hi")))).isEqualTo("tier_with_profile");
        Response byOperator = patch(1, Resources.OPERATOR, Map.of("bio", "the operator's"));
        Response forBob = RESOURCE.target("/v1/users/2").request().header("Authorization", as(1)).method("PATCH", Entity.json(Map.of("bio", "not mine")));

        assertThat(byOperator.getStatus()).isEqualTo(403);
        assertThat(codeOf(byOperator)).isEqualTo("not_your_account");
        assertThat(forBob.getStatus()).isEqualTo(403);
        assertThat(codeOf(forBob)).isEqualTo("not_your_account");
        verify(USERS, never()).changeProfile(anyLong(), any(), any());
        verify(LOG, never()).appendNow(any());
    }

    private static Response patch(long user, String authorization, Map<String, ?> body) {
        return RESOURCE.target("/v1/users/" + user).request().header("Authorization", authorization).method("PATCH", Entity.json(body));
    }

    private static Response create(Map<String, ?> body) {
        return RESOURCE.target("/v1/users").request().header("Authorization", as(1)).post(Entity.json(body));
    }

    private static User user(long id, String handle) {
        return new User(id, new Handle(handle), Tier.FREE, NOW);
    }
}

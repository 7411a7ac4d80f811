package dev.tierfeed.serving.resources;

import static dev.tierfeed.serving.resources.Resources.as;
import static dev.tierfeed.serving.resources.Resources.codeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tierfeed.core.Handle;
import dev.tierfeed.core.IdGenerator;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.MediaKind;
import dev.tierfeed.core.MediaRef;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.User;
import dev.tierfeed.serving.db.PostStore;
import dev.tierfeed.serving.db.UserCache;
import dev.tierfeed.serving.db.UserStore;
import dev.tierfeed.serving.events.LogPublisher;
import dev.tierfeed.serving.objects.MediaStore;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;

/** The post resource on its own: a post is stamped with its author's tier and published, or refused and not published. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostResourceTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final long AUTHOR = 912371336913879040L;
    private static final UserStore USERS = mock(UserStore.class);
    private static final PostStore POSTS = mock(PostStore.class);
    private static final LogPublisher PUBLISHER = mock(LogPublisher.class);
    private static final MediaStore MEDIA = mock(MediaStore.class);
    private static final long PHOTO = 912371336913879041L;
    private static final long VIDEO = 912371336913879042L;
    private static final long OTHERS_PHOTO = 912371336913879043L;
    private static final ResourceExtension RESOURCE = Resources.of(new PostResource(new UserCache(USERS, Duration.ofMinutes(1), 100), POSTS,
            PUBLISHER, MEDIA, new IdGenerator(Clock.fixed(NOW, ZoneOffset.UTC), 3)));

    @BeforeEach
    void anAuthorExistsAndTheLogAcknowledges() {
        when(USERS.find(AUTHOR)).thenReturn(Optional.of(new User(AUTHOR, new Handle("author"), Tier.STANDARD, NOW)));
        when(PUBLISHER.publish(any())).thenReturn(CompletableFuture.completedFuture(null));
        when(MEDIA.find(anyLong())).thenReturn(Optional.empty());
        when(MEDIA.find(PHOTO)).thenReturn(Optional.of(new MediaStore.Upload(MediaKind.JPEG, AUTHOR)));
        when(MEDIA.find(VIDEO)).thenReturn(Optional.of(new MediaStore.Upload(MediaKind.MP4, AUTHOR)));
        when(MEDIA.find(OTHERS_PHOTO)).thenReturn(Optional.of(new MediaStore.Upload(MediaKind.PNG, AUTHOR + 1)));
        when(MEDIA.uploadedBy(anyLong(), anyLong())).thenCallRealMethod(); // the ownership rule under test, on the stubbed lookups
    }

    @AfterEach
    void forget() {
        reset(USERS, POSTS, PUBLISHER, MEDIA);
    }

    @Test
    void aMethodThePathLacksIs405WithTheMethodsItHasInAllow() {
        for (String method : List.of("DELETE", "TRACE", "QUERY")) {
            Response response = RESOURCE.target("/v1/posts").request().method(method);
            assertThat(response.getStatus()).as(method).isEqualTo(405);
            assertThat(response.getHeaderString("Allow")).as(method).contains("POST").doesNotContain(method);
            assertThat(codeOf(response)).isEqualTo("method_not_allowed");
        }
    }

    @Test
    void anAcceptedPostCarriesItsAuthorsTierAndIsPublishedBeforeThe202() {
        Response response = post(Map.of("authorId", Long.toString(AUTHOR), "text", "hello"));

        assertThat(response.getStatus()).isEqualTo(202);
        JsonNode accepted = response.readEntity(JsonNode.class);
        ArgumentCaptor<Post> published = ArgumentCaptor.forClass(Post.class);
        verify(PUBLISHER).publish(published.capture());
        assertThat(published.getValue().tier()).isEqualTo(Tier.STANDARD);
        assertThat(published.getValue().createdAt()).isEqualTo(NOW);
        assertThat(accepted.path("id").asText()).isEqualTo(Long.toString(published.getValue().id()));
        assertThat(accepted.path("tier").asText()).isEqualTo("STANDARD");
        assertThat(response.getLocation().getPath()).isEqualTo("/v1/posts/" + published.getValue().id());
    }

    @Test
    void refusedPostsAreNotPublished() {
        assertThat(refusal(post(Map.of("authorId", Long.toString(AUTHOR), "text", "")), 422)).isEqualTo("text_required");
        assertThat(refusal(post(Map.of("authorId", Long.toString(AUTHOR), "text", "x".repeat(281))), 422)).isEqualTo("text_too_long");
        assertThat(refusal(post(Map.of("authorId", "12x", "text", "hi")), 422)).isEqualTo("malformed_id");
        assertThat(refusal(post(Map.of("authorId", "1", "text", "hi")), 403)).isEqualTo("not_your_account");
        assertThat(refusal(RESOURCE.target("/v1/posts").request().header("Authorization", as(AUTHOR)).post(Entity.json("")), 422)).isEqualTo("body_required");
        assertThat(refusal(RESOURCE.target("/v1/posts").request().header("Authorization", as(AUTHOR)).post(Entity.json("{\"authorId\": ")), 400)).isEqualTo("malformed_json");
        assertThat(refusal(RESOURCE.target("/v1/posts").request().header("Authorization", as(AUTHOR)).post(Entity.json("{\"authorId\": [1]}")), 422)).isEqualTo("invalid_body");
        verify(PUBLISHER, never()).publish(any());
    }

    @Test
    void uploadedMediaAreAttachedInOrderWithTheirTypesAndAPostMayBeMediaOnly() {
        Response response = post(Map.of("authorId", Long.toString(AUTHOR), "mediaIds", List.of(Long.toString(VIDEO), Long.toString(PHOTO))));

        assertThat(response.getStatus()).isEqualTo(202);
        ArgumentCaptor<Post> published = ArgumentCaptor.forClass(Post.class);
        verify(PUBLISHER).publish(published.capture());
        assertThat(published.getValue().media()).containsExactly(new MediaRef(VIDEO, MediaKind.MP4), new MediaRef(PHOTO, MediaKind.JPEG));
        assertThat(published.getValue().text().isEmpty()).isTrue();
        JsonNode media = response.readEntity(JsonNode.class).path("media");
        assertThat(media.get(0).path("id").asText()).isEqualTo(Long.toString(VIDEO));
        assertThat(media.get(0).path("type").asText()).isEqualTo("video/mp4");
        assertThat(media.get(1).path("url").asText()).isEqualTo("/v1/media/" + PHOTO);
    }

    @Test
    void unknownRepeatedOrTooManyMediaAreRefusedAndNothingIsPublished() {
        String photo = Long.toString(PHOTO);
        assertThat(refusal(post(Map.of("authorId", Long.toString(AUTHOR), "text", "hi", "mediaIds", List.of(photo, "77"))), 422))
                .isEqualTo("media_not_found");
        assertThat(refusal(post(Map.of("text", "not mine", "mediaIds", List.of(Long.toString(OTHERS_PHOTO)))), 422))
                .isEqualTo("media_not_found");
        assertThat(refusal(post(Map.of("authorId", Long.toString(AUTHOR), "mediaIds", List.of(photo, photo))), 422))
                .isEqualTo("duplicate_media");
        assertThat(refusal(post(Map.of("authorId", Long.toString(AUTHOR), "mediaIds", List.of("1", "2", "3", "4", "5"))), 422))
                .isEqualTo("too_many_media");
        assertThat(refusal(post(Map.of("authorId", Long.toString(AUTHOR), "mediaIds", List.of("pic"))), 422)).isEqualTo("malformed_id");
        assertThat(refusal(post(Map.of("authorId", Long.toString(AUTHOR), "mediaIds", List.of())), 422)).isEqualTo("text_required");
        verify(PUBLISHER, never()).publish(any());
    }

    @Test
    void wrongTypesAndUnknownFieldsAreRefusedNotCoerced() {
        assertThat(refusal(RESOURCE.target("/v1/posts").request().header("Authorization", as(AUTHOR))
                .post(Entity.json("{\"text\": 5}")), 422)).isEqualTo("invalid_body");
        assertThat(refusal(RESOURCE.target("/v1/posts").request().header("Authorization", as(AUTHOR))
                .post(Entity.json("{\"text\": true}")), 422)).isEqualTo("invalid_body");
        assertThat(refusal(RESOURCE.target("/v1/posts").request().header("Authorization", as(AUTHOR))
                .post(Entity.json("{\"text\": \"hi\", \"mediaIds\": \"1\"}")), 422)).isEqualTo("invalid_body");
        assertThat(refusal(RESOURCE.target("/v1/posts").request().header("Authorization", as(AUTHOR))
                .post(Entity.json("{\"text\": \"hi\", \"mediaID\": [\"1\"]}")), 422)).isEqualTo("unknown_field");
        assertThat(refusal(RESOURCE.target("/v1/posts").request().header("Authorization", as(AUTHOR))
                .post(Entity.json("{\"text\": \"hi\"} {}")), 422)).isEqualTo("invalid_body");
        Response tooLarge = post(Map.of("text", "x".repeat((int) Resources.MAX_BODY)));
        assertThat(tooLarge.getHeaderString("Connection")).isEqualTo("close"); // its body may be left unread
        assertThat(refusal(tooLarge, 413)).isEqualTo("body_too_large");
        verify(PUBLISHER, never()).publish(any());
    }

    @Test
    void theAuthorIsTheTokensUserAndNoOneElse() {
        Response withoutAuthorId = post(Map.of("text", "mine"));
        Response anonymous = RESOURCE.target("/v1/posts").request().post(Entity.json(Map.of("authorId", Long.toString(AUTHOR), "text", "x")));
        Response operator = RESOURCE.target("/v1/posts").request().header("Authorization", Resources.OPERATOR)
                .post(Entity.json(Map.of("text", "x")));

        assertThat(withoutAuthorId.getStatus()).isEqualTo(202);
        ArgumentCaptor<Post> published = ArgumentCaptor.forClass(Post.class);
        verify(PUBLISHER).publish(published.capture());
        assertThat(published.getValue().authorId()).isEqualTo(AUTHOR);
        assertThat(refusal(anonymous, 401)).isEqualTo("unauthenticated");
        assertThat(refusal(operator, 403)).isEqualTo("not_your_account");
        verify(PUBLISHER).publish(any()); // only the first
    }

    @Test
    void aLogThatDoesNotAcknowledgeIs503AndTheClientMayRetry() {
        when(PUBLISHER.publish(any())).thenReturn(CompletableFuture.failedFuture(
                new LogPublisher.LogUnavailableException(new RuntimeException("timeout"))));

        Response response = post(Map.of("authorId", Long.toString(AUTHOR), "text", "hello"));

        assertThat(refusal(response, 503)).isEqualTo("log_unavailable");
    }

    @Test
    void aPostIsReadOnceTheStreamingJobHasPersistedIt() {
        assertThat(refusal(RESOURCE.target("/v1/posts/" + Ids.lowestAt(NOW)).request().header("Authorization", as(AUTHOR)).get(), 404)).isEqualTo("post_not_found");
        assertThat(refusal(RESOURCE.target("/v1/posts/abc").request().header("Authorization", as(AUTHOR)).get(), 400)).isEqualTo("malformed_id");
    }

    private static Response post(Map<String, ?> body) {
        return RESOURCE.target("/v1/posts").request().header("Authorization", as(AUTHOR)).post(Entity.json(body));
    }

    private static String refusal(Response response, int status) {
        assertThat(response.getStatus()).isEqualTo(status);
        return codeOf(response);
    }
}

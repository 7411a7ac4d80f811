package dev.tierfeed.serving.resources;

import static dev.tierfeed.serving.resources.Resources.codeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tierfeed.core.Handle;
import dev.tierfeed.core.IdGenerator;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.User;
import dev.tierfeed.serving.db.PostStore;
import dev.tierfeed.serving.db.UserCache;
import dev.tierfeed.serving.db.UserStore;
import dev.tierfeed.serving.events.PostPublisher;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
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
    private static final PostPublisher PUBLISHER = mock(PostPublisher.class);
    private static final ResourceExtension RESOURCE = Resources.of(
            new PostResource(new UserCache(USERS, Duration.ofMinutes(1), 100), POSTS, PUBLISHER, new IdGenerator(Clock.fixed(NOW, ZoneOffset.UTC), 3)));

    @BeforeEach
    void anAuthorExistsAndTheLogAcknowledges() {
        when(USERS.find(AUTHOR)).thenReturn(Optional.of(new User(AUTHOR, new Handle("author"), Tier.STANDARD, NOW)));
        when(PUBLISHER.publish(any())).thenReturn(CompletableFuture.completedFuture(null));
    }

    @AfterEach
    void forget() {
        reset(USERS, POSTS, PUBLISHER);
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
        assertThat(refusal(post(Map.of("text", "who wrote me?")), 422)).isEqualTo("author_required");
        assertThat(refusal(post(Collections.singletonMap("authorId", null)), 422)).isEqualTo("author_required");
        assertThat(refusal(post(Map.of("authorId", "12x", "text", "hi")), 422)).isEqualTo("malformed_id");
        assertThat(refusal(post(Map.of("authorId", "1", "text", "hi")), 404)).isEqualTo("author_not_found");
        assertThat(refusal(RESOURCE.target("/v1/posts").request().post(Entity.json("")), 422)).isEqualTo("body_required");
        assertThat(refusal(RESOURCE.target("/v1/posts").request().post(Entity.json("{\"authorId\": ")), 400)).isEqualTo("malformed_json");
        assertThat(refusal(RESOURCE.target("/v1/posts").request().post(Entity.json("{\"authorId\": [1]}")), 422)).isEqualTo("invalid_body");
        verify(PUBLISHER, never()).publish(any());
    }

    @Test
    void aLogThatDoesNotAcknowledgeIs503AndTheClientMayRetry() {
        when(PUBLISHER.publish(any())).thenReturn(CompletableFuture.failedFuture(
                new PostPublisher.LogUnavailableException(new RuntimeException("timeout"))));

        Response response = post(Map.of("authorId", Long.toString(AUTHOR), "text", "hello"));

        assertThat(refusal(response, 503)).isEqualTo("log_unavailable");
    }

    @Test
    void aPostIsReadOnceTheStreamingJobHasPersistedIt() {
        assertThat(refusal(RESOURCE.target("/v1/posts/" + Ids.lowestAt(NOW)).request().get(), 404)).isEqualTo("post_not_found");
        assertThat(refusal(RESOURCE.target("/v1/posts/abc").request().get(), 400)).isEqualTo("malformed_id");
    }

    private static Response post(Map<String, ?> body) {
        return RESOURCE.target("/v1/posts").request().post(Entity.json(body));
    }

    private static String refusal(Response response, int status) {
        assertThat(response.getStatus()).isEqualTo(status);
        return codeOf(response);
    }
}

package dev.tierfeed.serving.resources;

import static dev.tierfeed.serving.resources.Resources.as;
import static dev.tierfeed.serving.resources.Resources.codeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tierfeed.core.FeedCursor;
import dev.tierfeed.core.FeedPage;
import dev.tierfeed.core.FeedPosition;
import dev.tierfeed.core.Handle;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.MediaKind;
import dev.tierfeed.core.MediaRef;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PostText;
import dev.tierfeed.core.PresenceCoalescing;
import dev.tierfeed.core.Profile;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.TierRules;
import dev.tierfeed.core.User;
import dev.tierfeed.core.UserEvent;
import dev.tierfeed.serving.db.PresenceRecorder;
import dev.tierfeed.serving.db.PresenceStore;
import dev.tierfeed.serving.db.SeenStore;
import dev.tierfeed.serving.db.UserCache;
import dev.tierfeed.serving.db.UserStore;
import dev.tierfeed.serving.events.LogPublisher;
import dev.tierfeed.serving.feed.FeedReader;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.InOrder;

/** The feed resource on its own: parameters, the page it renders, seen receipts; stores replaced. */
@ExtendWith(DropwizardExtensionsSupport.class)
class FeedResourceTest {
    private static final Instant START = Instant.parse("2026-11-22T12:00:00Z");
    /** Moved on by a minute for every test, so each test's first feed request opens a presence interval of its own. */
    private static final AtomicReference<Instant> TIME = new AtomicReference<>(START);
    private static final Clock CLOCK = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return TIME.get();
        }
    };
    private static final long VIEWER = 912371336913879040L;
    private static final UserStore USERS = mock(UserStore.class);
    private static final FeedReader FEEDS = mock(FeedReader.class);
    private static final SeenStore SEEN = mock(SeenStore.class);
    private static final PresenceStore PRESENCE = mock(PresenceStore.class);
    private static final LogPublisher LOG = mock(LogPublisher.class);
    private static final ResourceExtension RESOURCE = Resources.of(
            new FeedResource(new UserCache(USERS, Duration.ofMinutes(1), 100), FEEDS, SEEN,
                    new PresenceRecorder(PRESENCE, LOG, new PresenceCoalescing(Duration.ofSeconds(1), TierRules.DEFAULTS), Duration.ofSeconds(1), CLOCK),
                    LOG, CLOCK, Runnable::run));

    private Instant now;

    @BeforeEach
    void aViewerExists() {
        now = TIME.updateAndGet(time -> time.plusSeconds(60));
        when(USERS.find(VIEWER)).thenReturn(Optional.of(new User(VIEWER, new Handle("viewer"), Tier.FREE, START)));
        when(PRESENCE.recordAsync(anyLong(), any())).thenReturn(CompletableFuture.completedFuture(null));
        when(LOG.append(any())).thenReturn(CompletableFuture.completedFuture(null));
        when(USERS.findAllAsync(any())).thenAnswer(call -> {
            Map<Long, User> authors = new HashMap<>();
            call.<Collection<Long>>getArgument(0).forEach(id -> authors.put(id, new User(id, new Handle("author" + id), Tier.FREE, START,
                    Profile.EMPTY.withDisplayName("Author " + id).withAvatar(Optional.of(new MediaRef(id + 1000, MediaKind.PNG))))));
            return CompletableFuture.completedFuture(authors);
        });
    }

    @AfterEach
    void forget() {
        reset(USERS, FEEDS, SEEN, PRESENCE, LOG);
    }

    @Test
    void aPageShowsThePostsAndATokenForTheNextAndCountsAsPresence() {
        Post post = Post.create(Ids.lowestAt(now.minusSeconds(5)), 42, Tier.PREMIUM, new PostText("hello"));
        FeedCursor next = new FeedCursor(FeedPosition.of(post));
        when(FEEDS.page(VIEWER, Optional.empty(), 1, now)).thenReturn(CompletableFuture.completedFuture(new FeedPage(List.of(post), Optional.of(next))));

        JsonNode page = RESOURCE.target("/v1/users/" + VIEWER + "/feed").queryParam("limit", 1).request().header("Authorization", as(VIEWER)).get(JsonNode.class);

        assertThat(page.path("items").get(0).path("post").path("id").asText()).isEqualTo(Long.toString(post.id()));
        assertThat(page.path("items").get(0).path("post").path("authorId").asText()).isEqualTo("42");
        JsonNode author = page.path("items").get(0).path("post").path("author");
        assertThat(author.path("handle").asText()).isEqualTo("author42");
        assertThat(author.path("displayName").asText()).isEqualTo("Author 42");
        assertThat(author.path("avatarUrl").asText()).isEqualTo("/v1/media/1042");
        assertThat(page.path("items").get(0).path("tier").asText()).isEqualTo("PREMIUM");
        assertThat(page.path("nextPageToken").asText()).isEqualTo(next.encode());
        InOrder logThenStore = inOrder(LOG, PRESENCE);
        logThenStore.verify(LOG).append(List.of(UserEvent.presence(VIEWER, now)));
        logThenStore.verify(PRESENCE).recordAsync(VIEWER, now);
    }

    @Test
    void theTokenOfAPageResumesAfterItAndTheDefaultLimitIsTwenty() {
        FeedCursor cursor = new FeedCursor(new FeedPosition(Tier.STANDARD, now, Ids.lowestAt(now)));
        when(FEEDS.page(VIEWER, Optional.of(cursor), 20, now)).thenReturn(CompletableFuture.completedFuture(new FeedPage(List.of(), Optional.empty())));

        JsonNode page = RESOURCE.target("/v1/users/" + VIEWER + "/feed").queryParam("pageToken", cursor.encode()).request().header("Authorization", as(VIEWER)).get(JsonNode.class);

        assertThat(page.path("items")).isEmpty();
        assertThat(page.path("nextPageToken").isNull()).isTrue();
    }

    @Test
    void aLimitOutsideOneToAHundredOrNotANumberIs400InvalidLimit() {
        for (String limit : List.of("0", "101", "ten", "-1", "1.5", "")) {
            Response response = RESOURCE.target("/v1/users/" + VIEWER + "/feed").queryParam("limit", limit).request().header("Authorization", as(VIEWER)).get();
            assertThat(response.getStatus()).as(limit).isEqualTo(400);
            assertThat(codeOf(response)).as(limit).isEqualTo("invalid_limit");
        }
        verify(FEEDS, never()).page(anyLong(), any(), anyInt(), any());
    }

    @Test
    void malformedIdsAndTokensAre400AndAnUnknownViewer404() {
        Response badId = RESOURCE.target("/v1/users/forty-two/feed").request().header("Authorization", as(VIEWER)).get();
        Response badToken = RESOURCE.target("/v1/users/" + VIEWER + "/feed").queryParam("pageToken", "bogus").request().header("Authorization", as(VIEWER)).get();
        Response emptyToken = RESOURCE.target("/v1/users/" + VIEWER + "/feed").queryParam("pageToken", "").request().header("Authorization", as(VIEWER)).get();
        Response unknown = RESOURCE.target("/v1/users/42/feed").request().header("Authorization", as(42)).get();

        assertThat(badId.getStatus()).isEqualTo(400);
        assertThat(codeOf(badId)).isEqualTo("malformed_id");
        assertThat(badToken.getStatus()).isEqualTo(400);
        assertThat(codeOf(badToken)).isEqualTo("malformed_page_token");
        assertThat(emptyToken.getStatus()).isEqualTo(400);
        assertThat(codeOf(emptyToken)).isEqualTo("malformed_page_token");
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(codeOf(unknown)).isEqualTo("user_not_found");
        verify(PRESENCE, never()).recordAsync(anyLong(), any());
    }

    @Test
    void aFeedSeenReceiptsAndPresenceAreTheOwnersOnly() {
        long other = VIEWER + 1;
        Response someoneElses = RESOURCE.target("/v1/users/" + VIEWER + "/feed").request().header("Authorization", as(other)).get();
        Response anonymous = RESOURCE.target("/v1/users/" + VIEWER + "/feed").request().get();
        Response operator = RESOURCE.target("/v1/users/" + VIEWER + "/feed").request().header("Authorization", Resources.OPERATOR).get();
        Response othersSeen = RESOURCE.target("/v1/users/" + VIEWER + "/feed/seen").request().header("Authorization", as(other))
                .post(Entity.json(Map.of("postIds", List.of("7"))));

        assertThat(someoneElses.getStatus()).isEqualTo(403);
        assertThat(codeOf(someoneElses)).isEqualTo("not_your_account");
        assertThat(anonymous.getStatus()).isEqualTo(401);
        assertThat(codeOf(anonymous)).isEqualTo("unauthenticated");
        assertThat(operator.getStatus()).isEqualTo(403);
        assertThat(othersSeen.getStatus()).isEqualTo(403);
        verify(FEEDS, never()).page(anyLong(), any(), anyInt(), any());
        verify(SEEN, never()).markSeen(anyLong(), any(), any());
        verify(PRESENCE, never()).recordAsync(anyLong(), any());
    }

    @Test
    void aStorageThatDoesNotAnswerIs503AndTheClientMayRetry() {
        when(FEEDS.page(VIEWER, Optional.empty(), 20, now)).thenReturn(CompletableFuture.completedFuture(new FeedPage(List.of(), Optional.empty())));
        when(PRESENCE.recordAsync(VIEWER, now)).thenReturn(CompletableFuture.failedFuture(new DriverTimeoutException("no answer")));

        Response response = RESOURCE.target("/v1/users/" + VIEWER + "/feed").request().header("Authorization", as(VIEWER)).get();

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(codeOf(response)).isEqualTo("storage_unavailable");
    }

    @Test
    void aPresenceTheLogRefusesIsNotStoredAndThePageIs503() {
        when(FEEDS.page(VIEWER, Optional.empty(), 20, now)).thenReturn(CompletableFuture.completedFuture(new FeedPage(List.of(), Optional.empty())));
        when(LOG.append(any())).thenReturn(CompletableFuture.failedFuture(new LogPublisher.LogUnavailableException(new RuntimeException("down"))));

        Response response = RESOURCE.target("/v1/users/" + VIEWER + "/feed").request().header("Authorization", as(VIEWER)).get();

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(codeOf(response)).isEqualTo("log_unavailable");
        verify(PRESENCE, never()).recordAsync(anyLong(), any());
    }

    @Test
    void seenReceiptsAreLoggedThenRecordedOnceEachWith204() {
        Response response = seen(Map.of("postIds", List.of("7", "8", "7")));

        assertThat(response.getStatus()).isEqualTo(204);
        InOrder logThenStore = inOrder(LOG, SEEN);
        logThenStore.verify(LOG).appendNow(UserEvent.seen(VIEWER, List.of(7L, 8L), now));
        logThenStore.verify(SEEN).markSeen(VIEWER, List.of(7L, 8L), now);
    }

    @Test
    void receiptsTheLogRefusesAre503AndRecordNothing() {
        doThrow(new LogPublisher.LogUnavailableException(new RuntimeException("down"))).when(LOG).appendNow(any());

        Response response = RESOURCE.target("/v1/users/" + VIEWER + "/feed/seen").request().header("Authorization", as(VIEWER)).post(Entity.json(Map.of("postIds", List.of("7"))));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(codeOf(response)).isEqualTo("log_unavailable");
        verify(SEEN, never()).markSeen(anyLong(), any(), any());
    }

    @Test
    void refusedReceiptsAre422AndRecordNothing() {
        assertThat(codeOf(seen(Map.of("postIds", List.of("7", "not-an-id"))))).isEqualTo("malformed_id");
        assertThat(codeOf(seen(Map.of("postIds", List.of())))).isEqualTo("post_ids_required");
        assertThat(codeOf(seen(Collections.singletonMap("postIds", null)))).isEqualTo("post_ids_required");
        assertThat(codeOf(seen(Map.of("postIds", IntStream.rangeClosed(1, 101).mapToObj(Integer::toString).toList()))))
                .isEqualTo("too_many_post_ids");
        Response noBody = RESOURCE.target("/v1/users/" + VIEWER + "/feed/seen").request().header("Authorization", as(VIEWER)).post(Entity.json(""));
        assertThat(noBody.getStatus()).isEqualTo(422);
        assertThat(codeOf(noBody)).isEqualTo("body_required");
        verify(SEEN, never()).markSeen(anyLong(), any(), eq(now));
        verify(LOG, never()).appendNow(any());
    }

    private static Response seen(Map<String, ?> body) {
        Response response = RESOURCE.target("/v1/users/" + VIEWER + "/feed/seen").request().header("Authorization", as(VIEWER)).post(Entity.json(body));
        if (response.getStatus() != 204) {
            assertThat(response.getStatus()).isEqualTo(422);
        }
        return response;
    }
}

package dev.tierfeed.serving.resources;

import dev.tierfeed.core.FeedCursor;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.UserEvent;
import dev.tierfeed.serving.api.FeedItems;
import dev.tierfeed.serving.api.FeedPageView;
import dev.tierfeed.serving.api.SeenRequest;
import dev.tierfeed.serving.auth.Caller;
import dev.tierfeed.serving.db.PresenceRecorder;
import dev.tierfeed.serving.db.SeenStore;
import dev.tierfeed.serving.db.UserCache;
import dev.tierfeed.serving.errors.ErrorCodes;
import dev.tierfeed.serving.events.LogPublisher;
import dev.tierfeed.serving.feed.FeedReader;
import dev.tierfeed.serving.resources.params.FeedTokenParam;
import dev.tierfeed.serving.resources.params.IdParam;
import dev.tierfeed.serving.resources.params.LimitParam;
import dev.tierfeed.serving.resources.params.PageSize;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A viewer's home feed: the pending feed a page at a time, and seen receipts. A feed read has
 * no effect on the feed (a post returned but not acknowledged comes back), but counts as
 * presence: the viewer is watching.
 */
@Path("/v1/users/{id}/feed")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class FeedResource {
    private final UserCache users;
    private final FeedReader feeds;
    private final SeenStore seen;
    private final PresenceRecorder presence;
    private final LogPublisher log;
    private final Clock clock;
    private final Executor answers;

    /** {@code answers} writes each page: the reads complete on the Cassandra driver's I/O threads, which must not wait on a client. */
    public FeedResource(UserCache users, FeedReader feeds, SeenStore seen, PresenceRecorder presence, LogPublisher log, Clock clock,
                        Executor answers) {
        this.users = users;
        this.feeds = feeds;
        this.seen = seen;
        this.presence = presence;
        this.log = log;
        this.clock = clock;
        this.answers = answers;
    }

    @GET
    public CompletionStage<FeedPageView> page(@Auth Caller caller, @PathParam("id") IdParam id,
                             @QueryParam("limit") @DefaultValue(LimitParam.DEFAULT) @PageSize LimitParam limit,
                             @QueryParam("pageToken") FeedTokenParam pageToken) {
        long viewer = UserResource.existing(users, caller.actAs(id.get())).id();
        Instant now = clock.instant();
        CompletableFuture<Void> watching = presence.feedRequest(viewer, now); // stored while the page is read
        return feeds.page(viewer, Optional.ofNullable(pageToken).map(FeedTokenParam::get), limit.get(), now)
                .thenCompose(page -> FeedItems.of(page.items(), users)
                        .thenApply(items -> new FeedPageView(items, page.next().map(FeedCursor::encode).orElse(null))))
                .thenCombineAsync(watching, (view, stored) -> view, answers);
    }

    /** Appends the receipts to the log, then records them; nothing is appended or recorded if any id is refused. */
    @POST
    @Path("seen")
    public Response markSeen(@Auth Caller caller, @PathParam("id") IdParam id,
                             @Valid @NotNull(payload = ErrorCodes.BodyRequired.class, message = "a JSON request body is required") SeenRequest request) {
        List<Long> postIds = request.postIds().stream().map(postId -> Ids.parse(postId, "post id")).distinct().toList();
        long viewer = UserResource.existing(users, caller.actAs(id.get())).id();
        Instant now = clock.instant();
        log.appendNow(UserEvent.seen(viewer, postIds, now));
        seen.markSeen(viewer, postIds, now);
        return Response.noContent().build();
    }
}

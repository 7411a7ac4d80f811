package dev.tierfeed.serving.resources;

import dev.tierfeed.core.FeedPage;
import dev.tierfeed.core.ValidationException;
import dev.tierfeed.serving.api.FeedPageView;
import dev.tierfeed.serving.api.SeenRequest;
import dev.tierfeed.serving.db.PresenceStore;
import dev.tierfeed.serving.db.SeenStore;
import dev.tierfeed.serving.db.UserStore;
import dev.tierfeed.serving.feed.FeedReader;
import jakarta.ws.rs.Consumes;
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

/**
 * A viewer's home feed: the pending feed a page at a time, and seen receipts. A feed read has
 * no effect on the feed (a post returned but not acknowledged comes back), but counts as
 * presence: the viewer is watching.
 */
@Path("/v1/users/{id}/feed")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class FeedResource {
    static final int MAX_SEEN_PER_REQUEST = 100;

    private final UserStore users;
    private final FeedReader feeds;
    private final SeenStore seen;
    private final PresenceStore presence;
    private final Clock clock;

    public FeedResource(UserStore users, FeedReader feeds, SeenStore seen, PresenceStore presence, Clock clock) {
        this.users = users;
        this.feeds = feeds;
        this.seen = seen;
        this.presence = presence;
        this.clock = clock;
    }

    @GET
    public FeedPageView page(@PathParam("id") String id, @QueryParam("limit") String limit, @QueryParam("pageToken") String pageToken) {
        long viewer = Params.id(id, "user id");
        int size = Params.limit(limit);
        var after = Optional.ofNullable(pageToken).map(Params::pageToken);
        UserResource.existing(users, viewer);
        Instant now = clock.instant();
        presence.record(viewer, now);
        FeedPage page = feeds.page(viewer, after, size, now);
        return new FeedPageView(page.items().stream().map(FeedPageView.Item::of).toList(),
                page.next().map(cursor -> cursor.encode()).orElse(null));
    }

    @POST
    @Path("seen")
    public Response markSeen(@PathParam("id") String id, SeenRequest request) {
        long viewer = Params.id(id, "user id");
        List<String> ids = Params.body(request).postIds();
        if (ids == null || ids.isEmpty()) {
            throw new ValidationException("post_ids_required", "postIds must list at least one post id");
        }
        if (ids.size() > MAX_SEEN_PER_REQUEST) {
            throw new ValidationException("too_many_post_ids", "at most " + MAX_SEEN_PER_REQUEST + " post ids per request, got " + ids.size());
        }
        List<Long> postIds = ids.stream().map(postId -> dev.tierfeed.core.Ids.parse(postId, "post id")).distinct().toList();
        UserResource.existing(users, viewer);
        seen.markSeen(viewer, postIds, clock.instant());
        return Response.noContent().build();
    }
}

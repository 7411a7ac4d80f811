package dev.tierfeed.serving.resources;

import dev.tierfeed.core.FeedCursor;
import dev.tierfeed.core.Post;
import dev.tierfeed.serving.api.FeedPageView;
import dev.tierfeed.serving.db.FeedStore;
import dev.tierfeed.serving.db.UserStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** A viewer's home feed, a page at a time. For now: the speed view, newest first. */
@Path("/v1/users/{id}/feed")
@Produces(MediaType.APPLICATION_JSON)
public final class FeedResource {
    private final UserStore users;
    private final FeedStore feeds;

    public FeedResource(UserStore users, FeedStore feeds) {
        this.users = users;
        this.feeds = feeds;
    }

    @GET
    public FeedPageView page(@PathParam("id") String id, @QueryParam("limit") String limit, @QueryParam("pageToken") String pageToken) {
        long viewer = Params.id(id, "user id");
        int size = Params.limit(limit);
        Long before = pageToken == null ? null : Params.pageToken(pageToken).lastPostId();
        UserResource.existing(users, viewer);
        List<Post> posts = feeds.speedView(viewer, before, size + 1);
        boolean more = posts.size() > size;
        List<Post> page = more ? posts.subList(0, size) : posts;
        String next = more ? new FeedCursor(page.get(page.size() - 1).id()).encode() : null;
        return new FeedPageView(page.stream().map(FeedPageView.Item::of).toList(), next);
    }
}

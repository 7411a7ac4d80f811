package dev.tierfeed.serving.resources;

import dev.tierfeed.core.Ids;
import dev.tierfeed.core.ValidationException;
import dev.tierfeed.serving.auth.Caller;
import dev.tierfeed.serving.db.UserCache;
import dev.tierfeed.serving.errors.ApiException;
import dev.tierfeed.serving.resources.params.IdParam;
import dev.tierfeed.serving.stream.LiveFeeds;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.OptionalLong;

/**
 * The live home feed (Server-Sent Events), the owner's token: each new item of the viewer's pending
 * feed as an event {@code post} whose id is the post's and whose data is the feed item; comments as
 * heartbeats. {@code Last-Event-ID} (a post id) resumes: the pending items after it come first.
 */
@Path("/v1/users/{id}/feed/stream")
public final class FeedStreamResource {
    private final UserCache users;
    private final LiveFeeds live;

    public FeedStreamResource(UserCache users, LiveFeeds live) {
        this.users = users;
        this.live = live;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Auth Caller caller, @PathParam("id") IdParam id, @HeaderParam("Last-Event-ID") String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        long viewer = UserResource.existing(users, caller.actAs(id.get())).id();
        live.open(viewer, sink, sse, resumeAfter(lastEventId));
    }

    private static OptionalLong resumeAfter(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Ids.parse(lastEventId.trim(), "Last-Event-ID"));
        } catch (ValidationException e) {
            throw new ApiException(Status.BAD_REQUEST, "malformed_last_event_id", "Last-Event-ID must be the id of an event of this stream");
        }
    }
}

package dev.tierfeed.serving.resources;

import dev.tierfeed.core.UserEvent;
import dev.tierfeed.serving.auth.Caller;
import dev.tierfeed.serving.db.PresenceStore;
import dev.tierfeed.serving.db.UserCache;
import dev.tierfeed.serving.events.LogPublisher;
import dev.tierfeed.serving.resources.params.IdParam;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** A heartbeat from a client showing the timeline: the viewer is watching, so free posts reach them. */
@Path("/v1/users/{id}/presence")
@Produces(MediaType.APPLICATION_JSON)
public final class PresenceResource {
    private final UserCache users;
    private final PresenceStore presence;
    private final LogPublisher log;
    private final Clock clock;

    public PresenceResource(UserCache users, PresenceStore presence, LogPublisher log, Clock clock) {
        this.users = users;
        this.presence = presence;
        this.log = log;
        this.clock = clock;
    }

    @POST
    public Response heartbeat(@Auth Caller caller, @PathParam("id") IdParam id) {
        long viewer = UserResource.existing(users, caller.actAs(id.get())).id();
        Instant now = clock.instant();
        log.appendNow(List.of(UserEvent.presence(viewer, now)));
        presence.record(viewer, now);
        return Response.noContent().build();
    }
}

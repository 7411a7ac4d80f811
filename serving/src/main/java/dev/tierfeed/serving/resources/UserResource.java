package dev.tierfeed.serving.resources;

import dev.tierfeed.core.Follow;
import dev.tierfeed.core.Handle;
import dev.tierfeed.core.IdGenerator;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.User;
import dev.tierfeed.serving.api.CreateUserRequest;
import dev.tierfeed.serving.api.UserView;
import dev.tierfeed.serving.db.FollowStore;
import dev.tierfeed.serving.db.UserStore;
import dev.tierfeed.serving.errors.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.net.URI;
import java.time.Clock;

/** Users and who they follow. */
@Path("/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UserResource {
    private final UserStore users;
    private final FollowStore follows;
    private final IdGenerator ids;
    private final Clock clock;

    public UserResource(UserStore users, FollowStore follows, IdGenerator ids, Clock clock) {
        this.users = users;
        this.follows = follows;
        this.ids = ids;
        this.clock = clock;
    }

    @POST
    public Response create(CreateUserRequest request) {
        Params.body(request);
        Handle handle = new Handle(request.handle());
        Tier tier = Tier.parse(request.tier());
        long id = ids.next();
        User user = new User(id, handle, tier, Ids.instantOf(id));
        if (!users.create(user)) {
            throw new ApiException(Status.CONFLICT, "handle_taken", "the handle '" + handle + "' is already taken");
        }
        return Response.created(URI.create("/v1/users/" + Ids.format(id))).entity(UserView.of(user)).build();
    }

    @GET
    @Path("{id}")
    public UserView get(@PathParam("id") String id) {
        return UserView.of(existing(users, Params.id(id, "user id")));
    }

    @PUT
    @Path("{id}/following/{targetId}")
    public Response follow(@PathParam("id") String id, @PathParam("targetId") String targetId) {
        long follower = existing(users, Params.id(id, "user id")).id();
        long followee = existing(users, Params.id(targetId, "target user id")).id();
        follows.follow(new Follow(follower, followee, clock.instant()));
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}/following/{targetId}")
    public Response unfollow(@PathParam("id") String id, @PathParam("targetId") String targetId) {
        long follower = existing(users, Params.id(id, "user id")).id();
        long followee = existing(users, Params.id(targetId, "target user id")).id();
        follows.unfollow(follower, followee);
        return Response.noContent().build();
    }

    static User existing(UserStore users, long id) {
        return users.find(id).orElseThrow(() -> ApiException.notFound("user_not_found", "no user with id " + Ids.format(id)));
    }
}

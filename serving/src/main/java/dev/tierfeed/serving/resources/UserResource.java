package dev.tierfeed.serving.resources;

import dev.tierfeed.core.Follow;
import dev.tierfeed.core.Handle;
import dev.tierfeed.core.IdGenerator;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.ListCursor;
import dev.tierfeed.core.MediaRef;
import dev.tierfeed.core.Password;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.Profile;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.User;
import dev.tierfeed.core.UserEvent;
import dev.tierfeed.core.ValidationException;
import dev.tierfeed.serving.api.AuthorView;
import dev.tierfeed.serving.api.ChangeUserRequest;
import dev.tierfeed.serving.api.CreateUserRequest;
import dev.tierfeed.serving.api.FollowView;
import dev.tierfeed.serving.api.PageView;
import dev.tierfeed.serving.api.PostView;
import dev.tierfeed.serving.api.UserView;
import dev.tierfeed.serving.auth.Caller;
import dev.tierfeed.serving.auth.PasswordHasher;
import dev.tierfeed.serving.db.FollowStore.Followship;
import dev.tierfeed.serving.db.FollowStore;
import dev.tierfeed.serving.db.PostStore;
import dev.tierfeed.serving.db.UserCache;
import dev.tierfeed.serving.db.UserStore;
import dev.tierfeed.serving.errors.ApiException;
import dev.tierfeed.serving.errors.ErrorCodes;
import dev.tierfeed.serving.events.LogPublisher;
import dev.tierfeed.serving.feed.PulledAuthors;
import dev.tierfeed.serving.objects.MediaStore;
import dev.tierfeed.serving.resources.params.IdParam;
import dev.tierfeed.serving.resources.params.LimitParam;
import dev.tierfeed.serving.resources.params.ListTokenParam;
import dev.tierfeed.serving.resources.params.PageSize;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Users: create, read, change tier or profile; follow and unfollow; who they follow, who follows them, their
 * posts. Each change is validated, appended to the log (for the lake) and then written to
 * Cassandra, and acknowledged once both are done ({@link LogPublisher} says why in that order).
 */
@Path("/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UserResource {
    private static final String BODY_REQUIRED = "a JSON request body is required";

    private final UserStore users;
    private final UserCache known;
    private final FollowStore follows;
    private final PulledAuthors pulledAuthors;
    private final PostStore posts;
    private final MediaStore media;
    private final LogPublisher log;
    private final PasswordHasher hasher;
    private final IdGenerator ids;
    private final Clock clock;

    public UserResource(UserStore users, UserCache known, FollowStore follows, PulledAuthors pulledAuthors, PostStore posts,
                        MediaStore media, LogPublisher log, PasswordHasher hasher, IdGenerator ids, Clock clock) {
        this.media = media;
        this.users = users;
        this.log = log;
        this.hasher = hasher;
        this.known = known;
        this.follows = follows;
        this.pulledAuthors = pulledAuthors;
        this.posts = posts;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Sign-up: a new FREE account with its password; public. The operator may create an account
     * without a password (imported accounts, load tests): no one can log in to it, and the operator
     * opens its sessions.
     */
    @POST
    public Response create(@Auth Optional<Caller> caller,
                           @Valid @NotNull(payload = ErrorCodes.BodyRequired.class, message = BODY_REQUIRED) CreateUserRequest request) {
        Handle handle = new Handle(request.handle());
        boolean passwordless = request.password() == null && caller.filter(Caller.Operator.class::isInstance).isPresent();
        String passwordHash = passwordless ? null : hasher.hash(Password.forNewAccount(request.password(), handle));
        long id = ids.next();
        User user = new User(id, handle, Tier.FREE, Ids.instantOf(id));
        if (!users.create(user, passwordHash, created -> log.appendNow(List.of(UserEvent.userCreated(created))))) {
            throw new ApiException(Status.CONFLICT, "handle_taken", "the handle '" + handle + "' is already taken");
        }
        return Response.created(URI.create("/v1/users/" + Ids.format(id))).entity(UserView.of(user)).build();
    }

    /** A user by handle (ignoring case); public, like every profile. */
    @GET
    public UserView byHandle(@QueryParam("handle") String handle) {
        if (handle == null || handle.isEmpty()) {
            throw new ApiException(Status.BAD_REQUEST, "handle_required", "the query needs a handle: /v1/users?handle=...");
        }
        Handle wanted = Handle.parse(handle)
                .orElseThrow(() -> new ApiException(Status.BAD_REQUEST, "invalid_handle", "'" + handle + "' is not a handle"));
        return users.idOf(wanted).flatMap(users::find).map(UserView::of)
                .orElseThrow(() -> ApiException.notFound("user_not_found", "no user with handle " + wanted));
    }

    @GET
    @Path("{id}")
    public UserView get(@PathParam("id") IdParam id) {
        return UserView.of(users.find(id.get()).orElseThrow(() -> notFound(id.get())));
    }

    /**
     * Changes the tier (the operator only; posts made from now on carry it, earlier posts keep theirs)
     * or parts of the profile (the owner only). One request does one or the other.
     */
    @PATCH
    @Path("{id}")
    public UserView change(@Auth Caller caller, @PathParam("id") IdParam id,
                           @Valid @NotNull(payload = ErrorCodes.BodyRequired.class, message = BODY_REQUIRED) ChangeUserRequest request) {
        if (request.changesNothing()) {
            throw new ValidationException("nothing_to_change", "name a tier or a part of the profile to change");
        }
        if (request.tier() != null && request.changesProfile()) {
            throw new ValidationException("tier_with_profile", "a tier (the operator's) and a profile (the owner's) are changed apart");
        }
        long userId = id.get();
        if (request.tier() != null) {
            caller.requireOperator();
            Tier tier = Tier.parse(request.tier());
            existing(known, userId);
            log.appendNow(List.of(UserEvent.tierChanged(userId, tier, clock.instant())));
            if (!users.changeTier(userId, tier)) {
                throw notFound(userId);
            }
        } else {
            User user = existing(known, caller.actAs(userId));
            Set<UserStore.ProfilePart> parts = EnumSet.noneOf(UserStore.ProfilePart.class);
            Profile profile = changedProfile(user, request, parts);
            log.appendNow(List.of(UserEvent.profileChanged(userId, clock.instant())));
            if (!users.changeProfile(userId, profile, parts)) {
                throw notFound(userId);
            }
        }
        known.forget(userId);
        return UserView.of(users.find(userId).orElseThrow(() -> notFound(userId)));
    }

    /**
     * The user's profile with the request's parts changed (each checked by {@code core}'s
     * {@link Profile}; an avatar must be the user's own upload), naming them in {@code parts}.
     */
    private Profile changedProfile(User user, ChangeUserRequest request, Set<UserStore.ProfilePart> parts) {
        Profile profile = user.profile();
        List<TextPart> texts = List.of(new TextPart(request.displayName(), UserStore.ProfilePart.DISPLAY_NAME, Profile::withDisplayName),
                new TextPart(request.bio(), UserStore.ProfilePart.BIO, Profile::withBio),
                new TextPart(request.website(), UserStore.ProfilePart.WEBSITE, Profile::withWebsite),
                new TextPart(request.location(), UserStore.ProfilePart.LOCATION, Profile::withLocation));
        for (TextPart text : texts) {
            if (text.value() != null) {
                profile = text.change().apply(profile, text.value());
                parts.add(text.part());
            }
        }
        if (request.avatarId() != null) {
            Optional<MediaRef> avatar = request.avatarId().isEmpty() ? Optional.empty()
                    : Optional.of(media.uploadedBy(user.id(), Ids.parse(request.avatarId(), "avatarId")).orElseThrow(() ->
                            new ValidationException("media_not_found", "you have uploaded no media with id " + request.avatarId())));
            profile = profile.withAvatar(avatar);
            parts.add(UserStore.ProfilePart.AVATAR);
        }
        return profile;
    }

    /** A text part of a profile as a request gives it (null: unchanged), and how {@link Profile} changes it. */
    private record TextPart(String value, UserStore.ProfilePart part, BiFunction<Profile, String, Profile> change) {
    }

    @PUT
    @Path("{id}/following/{targetId}")
    public Response follow(@Auth Caller caller, @PathParam("id") IdParam id, @PathParam("targetId") IdParam targetId) {
        long follower = existing(known, caller.actAs(id.get())).id();
        long followee = existing(known, targetId.get()).id();
        Follow follow = new Follow(follower, followee, clock.instant());
        log.appendNow(List.of(UserEvent.follow(follow)));
        if (follows.follow(follow)) {
            pulledAuthors.followersChanged(followee, 1);
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}/following/{targetId}")
    public Response unfollow(@Auth Caller caller, @PathParam("id") IdParam id, @PathParam("targetId") IdParam targetId) {
        long follower = existing(known, caller.actAs(id.get())).id();
        long followee = existing(known, targetId.get()).id();
        Instant now = clock.instant();
        log.appendNow(List.of(UserEvent.unfollow(follower, followee, now)));
        if (follows.unfollow(follower, followee, now)) {
            pulledAuthors.followersChanged(followee, -1);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/following")
    public PageView<FollowView> following(@PathParam("id") IdParam id,
                                          @QueryParam("limit") @DefaultValue(LimitParam.DEFAULT) @PageSize LimitParam limit,
                                          @QueryParam("pageToken") ListTokenParam pageToken) {
        return followPage(id, limit, pageToken, follows::following);
    }

    @GET
    @Path("{id}/followers")
    public PageView<FollowView> followers(@PathParam("id") IdParam id,
                                          @QueryParam("limit") @DefaultValue(LimitParam.DEFAULT) @PageSize LimitParam limit,
                                          @QueryParam("pageToken") ListTokenParam pageToken) {
        return followPage(id, limit, pageToken, follows::followers);
    }

    /** The user's own posts, newest first. */
    @GET
    @Path("{id}/posts")
    public PageView<PostView> posts(@PathParam("id") IdParam id,
                                    @QueryParam("limit") @DefaultValue(LimitParam.DEFAULT) @PageSize LimitParam limit,
                                    @QueryParam("pageToken") ListTokenParam pageToken) {
        User author = existing(known, id.get());
        Long before = Optional.ofNullable(pageToken).map(ListTokenParam::get).map(ListCursor::lastId).orElse(null);
        List<Post> page = posts.byAuthor(author.id(), before, limit.get() + 1);
        AuthorView shown = AuthorView.of(author);
        return PageView.of(page, limit.get(), Post::id, post -> PostView.of(post, shown));
    }

    private PageView<FollowView> followPage(IdParam id, LimitParam limit, ListTokenParam pageToken, FollowLister lister) {
        long user = existing(known, id.get()).id();
        long after = Optional.ofNullable(pageToken).map(ListTokenParam::get).map(ListCursor::lastId).orElse(-1L);
        int size = limit.get();
        List<Followship> page = lister.list(user, after, size + 1);
        Map<Long, User> found = users.findAll(page.stream().map(Followship::userId).toList());
        List<Followship> known = page.stream().filter(f -> found.containsKey(f.userId())).toList();
        return PageView.of(known, size, Followship::userId, f -> FollowView.of(found.get(f.userId()), f.since()));
    }

    @FunctionalInterface
    private interface FollowLister {
        List<Followship> list(long user, long afterId, int limit);
    }

    /** The user, or a 404; from the cache, since users are never deleted. */
    static User existing(UserCache users, long id) {
        return users.find(id).orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("user_not_found", "no user with id " + Ids.format(id));
    }
}

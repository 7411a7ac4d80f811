package dev.tierfeed.serving.resources;

import dev.tierfeed.core.IdGenerator;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.MediaRef;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PostText;
import dev.tierfeed.core.User;
import dev.tierfeed.core.ValidationException;
import dev.tierfeed.serving.api.AcceptedPostView;
import dev.tierfeed.serving.api.AuthorView;
import dev.tierfeed.serving.api.CreatePostRequest;
import dev.tierfeed.serving.api.PostView;
import dev.tierfeed.serving.auth.Caller;
import dev.tierfeed.serving.db.PostStore;
import dev.tierfeed.serving.db.UserCache;
import dev.tierfeed.serving.errors.ApiException;
import dev.tierfeed.serving.errors.ErrorCodes;
import dev.tierfeed.serving.events.LogPublisher;
import dev.tierfeed.serving.objects.MediaStore;
import dev.tierfeed.serving.resources.params.IdParam;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Posts. A new post is validated, stamped with its author's current tier and appended to the
 * log; the answer (202) comes once Kafka has acknowledged it. No request thread waits for that
 * acknowledgement: the answer is a stage that completes with it. The streaming job persists the
 * post and fans it out, so {@code GET} finds it shortly after. Media ids are checked against the
 * media store (one HEAD each, at most four) before the post is published.
 */
@Path("/v1/posts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class PostResource {
    private final UserCache users;
    private final PostStore posts;
    private final LogPublisher publisher;
    private final MediaStore media;
    private final IdGenerator ids;

    public PostResource(UserCache users, PostStore posts, LogPublisher publisher, MediaStore media, IdGenerator ids) {
        this.users = users;
        this.posts = posts;
        this.publisher = publisher;
        this.media = media;
        this.ids = ids;
    }

    @POST
    public CompletionStage<Response> create(@Auth Caller caller, @Valid @NotNull(payload = ErrorCodes.BodyRequired.class,
            message = "a JSON request body is required") CreatePostRequest request) {
        PostText text = new PostText(request.text());
        Post.requireContent(text, request.mediaIdsOrNone().size());
        long authorId = request.authorId() == null ? caller.userId() : caller.actAs(Ids.parse(request.authorId(), "authorId"));
        User author = users.find(authorId)
                .orElseThrow(() -> ApiException.notFound("author_not_found", "no user with id " + Ids.format(authorId)));
        Post post = Post.create(ids.next(), author.id(), author.tier(), text, uploaded(author.id(), request.mediaIdsOrNone()));
        return publisher.publish(post).thenApply(acknowledged ->
                Response.accepted(AcceptedPostView.of(post)).location(URI.create("/v1/posts/" + Ids.format(post.id()))).build());
    }

    /** The media the ids name, in their order; each must be the author's upload, and none may come twice. */
    private List<MediaRef> uploaded(long author, List<String> mediaIds) {
        List<MediaRef> media = new ArrayList<>(mediaIds.size());
        Set<Long> named = new HashSet<>();
        for (String text : mediaIds) {
            long id = Ids.parse(text, "mediaIds");
            if (!named.add(id)) {
                throw new ValidationException("duplicate_media", "media " + text + " is attached twice");
            }
            media.add(this.media.uploadedBy(author, id)
                    .orElseThrow(() -> new ValidationException("media_not_found", "you have uploaded no media with id " + text)));
        }
        return media;
    }

    @GET
    @Path("{id}")
    public PostView get(@PathParam("id") IdParam id) {
        Post post = posts.find(id.get()).orElseThrow(() -> ApiException.notFound("post_not_found", "no post with id " + id + " (yet)"));
        return PostView.of(post, AuthorView.of(UserResource.existing(users, post.authorId())));
    }
}

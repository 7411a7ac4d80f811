package dev.tierfeed.serving.api;

import dev.tierfeed.serving.errors.ErrorCodes;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST /v1/users/{id}/feed/seen} body: the posts the client has shown. */
public record SeenRequest(
        @NotEmpty(payload = ErrorCodes.PostIdsRequired.class, message = "postIds must list at least one post id")
        @Size(max = SeenRequest.MAX_POST_IDS, payload = ErrorCodes.TooManyPostIds.class,
                message = "at most " + SeenRequest.MAX_POST_IDS + " post ids per request")
        List<String> postIds) {

    public static final int MAX_POST_IDS = 100;
}

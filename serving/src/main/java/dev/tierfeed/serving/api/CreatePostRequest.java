package dev.tierfeed.serving.api;

import dev.tierfeed.serving.errors.ErrorCodes;
import jakarta.validation.constraints.NotNull;

/** {@code POST /v1/posts} body. The text is checked by {@code core}'s {@code PostText}. */
public record CreatePostRequest(
        @NotNull(payload = ErrorCodes.AuthorRequired.class, message = "authorId is required") String authorId,
        String text) {
}

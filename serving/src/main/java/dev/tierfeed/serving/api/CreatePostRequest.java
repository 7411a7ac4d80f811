package dev.tierfeed.serving.api;

import java.util.List;

/**
 * {@code POST /v1/posts} body. The text is checked by {@code core}'s {@code PostText}, text and
 * media together by {@code Post.requireContent}; {@code mediaIds} are ids of uploaded media.
 * {@code authorId} is optional: the author is the token's user, and an {@code authorId} that
 * names anyone else is refused.
 */
public record CreatePostRequest(
        String authorId,
        String text,
        List<String> mediaIds) {

    public List<String> mediaIdsOrNone() {
        return mediaIds == null ? List.of() : mediaIds;
    }
}

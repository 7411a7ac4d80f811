package dev.tierfeed.serving.api;

/** {@code POST /v1/posts} body. */
public record CreatePostRequest(String authorId, String text) {
}

package dev.tierfeed.serving.api;

import java.util.List;

/** {@code POST /v1/users/{id}/feed/seen} body: the posts the client has shown. */
public record SeenRequest(List<String> postIds) {
}

package dev.tierfeed.serving.api;

/**
 * {@code POST /v1/sessions} body: a log-in with {@code handle} and {@code password}, or, from the
 * operator only, {@code userId} alone (a session opened for that user: support, load tests).
 */
public record CreateSessionRequest(String handle, String password, String userId) {
}

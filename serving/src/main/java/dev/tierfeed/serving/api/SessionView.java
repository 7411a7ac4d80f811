package dev.tierfeed.serving.api;

/** A new session: the bearer token (shown once, never stored in clear), whose user it acts for, and until when. */
public record SessionView(String token, String userId, String expiresAt) {
}

package dev.tierfeed.serving.api;

/** {@code PATCH /v1/users/{id}} body: the new tier, for posts made from now on. */
public record ChangeTierRequest(String tier) {
}

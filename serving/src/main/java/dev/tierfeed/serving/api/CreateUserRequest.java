package dev.tierfeed.serving.api;

/** {@code POST /v1/users} body. Checked by the domain rules, not here. */
public record CreateUserRequest(String handle, String tier) {
}

package dev.tierfeed.serving.api;

/** {@code POST /v1/users} body: a sign-up. Checked by the domain rules ({@code Handle}, {@code Password}), not here. */
public record CreateUserRequest(String handle, String password) {
}

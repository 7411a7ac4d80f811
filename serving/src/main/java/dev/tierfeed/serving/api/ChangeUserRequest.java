package dev.tierfeed.serving.api;

import java.util.stream.Stream;

/**
 * {@code PATCH /v1/users/{id}} body: a new tier (the operator's to change), or parts of the
 * profile (the owner's to change; an empty text clears a part, {@code avatarId} "" removes the
 * avatar). A field left out, or null, stays as it is.
 */
public record ChangeUserRequest(String tier, String displayName, String bio, String website, String location, String avatarId) {

    public boolean changesProfile() {
        return Stream.of(displayName, bio, website, location, avatarId).anyMatch(part -> part != null);
    }

    public boolean changesNothing() {
        return tier == null && !changesProfile();
    }
}

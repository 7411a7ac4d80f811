package dev.tierfeed.serving.api;

import dev.tierfeed.core.Ids;
import dev.tierfeed.core.MediaRef;
import dev.tierfeed.core.Profile;
import dev.tierfeed.core.User;

/**
 * A user as clients see it, with the public profile (each part null when unset; {@code avatarUrl}
 * is the avatar's {@code GET /v1/media/{id}} path); ids are decimal strings, times ISO-8601.
 */
public record UserView(String id, String handle, String tier, String createdAt, String displayName, String bio, String website,
                       String location, String avatarUrl) {
    public static UserView of(User user) {
        Profile profile = user.profile();
        MediaRef avatar = profile.avatar();
        return new UserView(Ids.format(user.id()), user.handle().value(), user.tier().name(), user.createdAt().toString(),
                profile.displayName(), profile.bio(), profile.website(), profile.location(), avatar == null ? null : avatar.path());
    }
}

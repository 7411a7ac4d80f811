package dev.tierfeed.serving.api;

import dev.tierfeed.core.Ids;
import dev.tierfeed.core.MediaRef;
import dev.tierfeed.core.User;

/**
 * What a client needs to show a post's author without looking the author up: id, handle, display
 * name and the avatar's address (null when unset). A profile change shows here within the user
 * cache's time-to-live on other replicas (TIERFEED_USER_CACHE_TTL).
 */
public record AuthorView(String id, String handle, String displayName, String avatarUrl) {
    public static AuthorView of(User user) {
        MediaRef avatar = user.profile().avatar();
        return new AuthorView(Ids.format(user.id()), user.handle().value(), user.profile().displayName(), avatar == null ? null : avatar.path());
    }
}

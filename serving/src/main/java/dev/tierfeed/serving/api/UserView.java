package dev.tierfeed.serving.api;

import dev.tierfeed.core.Ids;
import dev.tierfeed.core.User;

/** A user as clients see it; ids are decimal strings, times ISO-8601. */
public record UserView(String id, String handle, String tier, String createdAt) {
    public static UserView of(User user) {
        return new UserView(Ids.format(user.id()), user.handle().value(), user.tier().name(), user.createdAt().toString());
    }
}

package dev.tierfeed.core;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Every accepted change other than a post, as it goes to the log ({@link EventTopics#EVENTS}) and
 * on to the lake: who ({@code userId}) did what ({@code type}) when ({@code at}), and to whom or
 * what ({@code targetId}: the followee of a follow or unfollow, the post of a seen receipt, else 0).
 * {@code tier} is the new user's or the new tier; {@code handle} the new user's, or the handle a
 * failed log-in was tried with (case-folded; {@code userId} is then its account's, or 0 when no
 * account has it).
 */
public record UserEvent(Type type, Instant at, long userId, long targetId, Tier tier, String handle) {
    private static final String LOGIN_FAILURE_KEY_PREFIX = "handle:";

    /** The kinds of event; {@code lakeName} is the {@code event_type} partition of the lake. */
    public enum Type {
        USER_CREATED("user_created"),
        TIER_CHANGED("tier_changed"),
        FOLLOW("follow"),
        UNFOLLOW("unfollow"),
        SEEN("seen"),
        PRESENCE("presence"),
        LOGIN("login"),
        LOGOUT("logout"),
        LOGIN_FAILED("login_failed"),
        PROFILE_CHANGED("profile_changed");

        private final String lakeName;

        Type(String lakeName) {
            this.lakeName = lakeName;
        }

        public String lakeName() {
            return lakeName;
        }

        public static Type ofLakeName(String name) {
            for (Type type : values()) {
                if (type.lakeName.equals(name)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("no event type " + name);
        }
    }

    public UserEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
    }

    public static UserEvent userCreated(User user) {
        return new UserEvent(Type.USER_CREATED, user.createdAt(), user.id(), 0, user.tier(), user.handle().value());
    }

    public static UserEvent tierChanged(long userId, Tier tier, Instant at) {
        return new UserEvent(Type.TIER_CHANGED, at, userId, 0, tier, null);
    }

    public static UserEvent follow(Follow follow) {
        return new UserEvent(Type.FOLLOW, follow.since(), follow.followerId(), follow.followeeId(), null, null);
    }

    public static UserEvent unfollow(long follower, long followee, Instant at) {
        return new UserEvent(Type.UNFOLLOW, at, follower, followee, null, null);
    }

    /** One receipt per post: the lake keeps a row per (viewer, post), as the seen table does. */
    public static List<UserEvent> seen(long viewer, Collection<Long> postIds, Instant at) {
        return postIds.stream().map(post -> new UserEvent(Type.SEEN, at, viewer, post, null, null)).toList();
    }

    public static UserEvent presence(long viewer, Instant at) {
        return new UserEvent(Type.PRESENCE, at, viewer, 0, null, null);
    }

    /** A session opened for the user (by its password, or by the operator). */
    public static UserEvent login(long userId, Instant at) {
        return new UserEvent(Type.LOGIN, at, userId, 0, null, null);
    }

    public static UserEvent logout(long userId, Instant at) {
        return new UserEvent(Type.LOGOUT, at, userId, 0, null, null);
    }

    /** The user changed their public profile (what it now holds is the user row's). */
    public static UserEvent profileChanged(long userId, Instant at) {
        return new UserEvent(Type.PROFILE_CHANGED, at, userId, 0, null, null);
    }

    /** A log-in refused for a wrong handle or password; {@code userId} is 0 when no account has the handle. */
    public static UserEvent loginFailed(Handle handle, long userId, Instant at) {
        return new UserEvent(Type.LOGIN_FAILED, at, userId, 0, null, handle.key());
    }

    /**
     * The key of the event on the log: its user, so that a user's changes stay in order; for a failed
     * log-in the handle tried, so that every failure on one handle goes to one partition and one
     * counting consumer, whether or not an account has it.
     */
    public String logKey() {
        return type == Type.LOGIN_FAILED ? LOGIN_FAILURE_KEY_PREFIX + handle : Long.toString(userId);
    }

    /** Whether a record's key is a failed log-in's: a consumer of those alone skips the rest undecoded. */
    public static boolean isLoginFailureKey(String key) {
        return key != null && key.startsWith(LOGIN_FAILURE_KEY_PREFIX);
    }
}

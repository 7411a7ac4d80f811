package dev.tierfeed.serving.db;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tierfeed.core.User;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Users as the hot paths need them: a post's author and its tier, the existence of a viewer, the
 * authors shown on a feed page.
 * Each user is read from {@link UserStore} at most once per {@code ttl} per replica, so a post
 * or a feed page costs no user read in the common case.
 *
 * <p>What that costs is bounded and small: users are never deleted, so "exists" is never wrong;
 * a tier or profile change is seen at once by the replica that made it ({@link #forget}) and by every
 * other replica within {@code ttl}, so a post made in that moment may carry the author's previous
 * tier, and a page may show the author's previous display name or avatar.
 * Users that do not exist are not remembered: one created a moment ago on another replica is found.
 */
public final class UserCache {
    private final UserStore store;
    private final Cache<Long, User> users;

    public UserCache(UserStore store, Duration ttl, long maxUsers) {
        this.store = store;
        this.users = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxUsers).build();
    }

    public Optional<User> find(long id) {
        User cached = users.getIfPresent(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<User> found = store.find(id);
        found.ifPresent(user -> users.put(id, user));
        return found;
    }

    /** Users by id (those that exist), the ones not remembered read in parallel, without waiting. */
    public CompletableFuture<Map<Long, User>> findAll(Collection<Long> ids) {
        Map<Long, User> found = new HashMap<>(users.getAllPresent(ids));
        List<Long> missing = ids.stream().filter(id -> !found.containsKey(id)).distinct().toList();
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(found);
        }
        return store.findAllAsync(missing).thenApply(read -> {
            users.putAll(read);
            found.putAll(read);
            return found;
        });
    }

    /** Drops what this replica remembers of the user, after a change of it here. */
    public void forget(long id) {
        users.invalidate(id);
    }
}

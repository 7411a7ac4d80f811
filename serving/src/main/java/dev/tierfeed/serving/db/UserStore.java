package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.tierfeed.core.Handle;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.User;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Users and the uniqueness of their handles. */
public final class UserStore {
    private final CqlSession session;
    private final PreparedStatement claimHandle;
    private final PreparedStatement releaseHandle;
    private final PreparedStatement insert;
    private final PreparedStatement byId;
    private final PreparedStatement updateTier;

    public UserStore(CqlSession session) {
        this.session = session;
        this.claimHandle = session.prepare("INSERT INTO users_by_handle (handle_key, user_id) VALUES (?, ?) IF NOT EXISTS");
        this.releaseHandle = session.prepare("DELETE FROM users_by_handle WHERE handle_key = ? IF user_id = ?");
        this.insert = session.prepare("INSERT INTO users (id, handle, tier, created_at) VALUES (?, ?, ?, ?)");
        this.byId = session.prepare("SELECT id, handle, tier, created_at FROM users WHERE id = ?");
        this.updateTier = session.prepare("UPDATE users SET tier = ? WHERE id = ? IF EXISTS");
    }

    /**
     * Stores a new user unless its handle is taken (then returns false and writes nothing).
     * The handle is claimed first with a lightweight transaction; then {@code claimed} runs (the
     * API appends the event to the log there), then the user row is written. If either fails,
     * the claim is released, so a refused request leaves nothing behind.
     */
    public boolean create(User user, Consumer<User> claimed) {
        String key = user.handle().key();
        if (!session.execute(claimHandle.bind(key, user.id())).wasApplied()) {
            return false;
        }
        try {
            claimed.accept(user);
            session.execute(insert.bind(user.id(), user.handle().value(), user.tier().name(), user.createdAt()));
        } catch (RuntimeException e) {
            session.execute(releaseHandle.bind(key, user.id()));
            throw e;
        }
        return true;
    }

    public Optional<User> find(long id) {
        return Optional.ofNullable(session.execute(byId.bind(id)).one()).map(UserStore::toUser);
    }

    /** Users by id, looked up in parallel; ids with no user are left out. */
    public Map<Long, User> findAll(Collection<Long> ids) {
        List<CompletableFuture<AsyncResultSet>> lookups = ids.stream()
                .map(id -> session.executeAsync(byId.bind(id)).toCompletableFuture()).toList();
        Map<Long, User> users = new HashMap<>();
        for (CompletableFuture<AsyncResultSet> lookup : lookups) {
            Row row = lookup.join().one();
            if (row != null) {
                users.put(row.getLong("id"), toUser(row));
            }
        }
        return users;
    }

    /** Changes the user's tier (for posts made from now on); false when there is no such user. */
    public boolean changeTier(long id, Tier tier) {
        return session.execute(updateTier.bind(tier.name(), id)).wasApplied();
    }

    private static User toUser(Row row) {
        return new User(row.getLong("id"), new Handle(row.getString("handle")),
                Tier.valueOf(row.getString("tier")), row.getInstant("created_at"));
    }
}

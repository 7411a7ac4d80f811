package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.tierfeed.core.Handle;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.User;
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
    private final PreparedStatement insertCredentials;
    private final PreparedStatement idByHandle;
    private final PreparedStatement passwordHash;

    public UserStore(CqlSession session) {
        this.session = session;
        this.claimHandle = session.prepare("INSERT INTO users_by_handle (handle_key, user_id) VALUES (?, ?) IF NOT EXISTS");
        this.releaseHandle = session.prepare("DELETE FROM users_by_handle WHERE handle_key = ? IF user_id = ?");
        this.insert = session.prepare("INSERT INTO users (id, handle, tier, created_at) VALUES (?, ?, ?, ?)");
        this.byId = session.prepare("SELECT id, handle, tier, created_at FROM users WHERE id = ?");
        this.updateTier = session.prepare("UPDATE users SET tier = ? WHERE id = ? IF EXISTS");
        this.insertCredentials = session.prepare("INSERT INTO credentials (user_id, password_hash) VALUES (?, ?)");
        this.idByHandle = session.prepare("SELECT user_id FROM users_by_handle WHERE handle_key = ?");
        this.passwordHash = session.prepare("SELECT password_hash FROM credentials WHERE user_id = ?");
    }

    /**
     * Stores a new user and its password hash (none: an account no one logs in to) unless its handle is taken (then returns false and
     * writes nothing). The handle is claimed first with a lightweight transaction; then
     * {@code claimed} runs (the API appends the event to the log there), then the user row and the
     * credentials are written in one logged batch (both or neither). If anything after the claim
     * fails, the claim is released, so a refused request leaves nothing behind.
     */
    public boolean create(User user, String passwordHash, Consumer<User> claimed) {
        String key = user.handle().key();
        if (!session.execute(claimHandle.bind(key, user.id())).wasApplied()) {
            return false;
        }
        try {
            claimed.accept(user);
            BoundStatement row = insert.bind(user.id(), user.handle().value(), user.tier().name(), user.createdAt());
            session.execute(passwordHash == null ? row
                    : BatchStatement.newInstance(DefaultBatchType.LOGGED, row, insertCredentials.bind(user.id(), passwordHash)));
        } catch (RuntimeException e) {
            session.execute(releaseHandle.bind(key, user.id()));
            throw e;
        }
        return true;
    }

    /** The id of the user with this handle (ignoring case), if there is one. */
    public Optional<Long> idOf(Handle handle) {
        return Optional.ofNullable(session.execute(idByHandle.bind(handle.key())).one()).map(row -> row.getLong(0));
    }

    /** The stored password hash of the user, if the user has credentials. */
    public Optional<String> passwordHashOf(long userId) {
        return Optional.ofNullable(session.execute(passwordHash.bind(userId)).one()).map(row -> row.getString(0));
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

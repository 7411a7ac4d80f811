package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.tierfeed.core.Handle;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.User;
import java.util.Optional;

/** Users and the uniqueness of their handles. */
public final class UserStore {
    private final CqlSession session;
    private final PreparedStatement claimHandle;
    private final PreparedStatement releaseHandle;
    private final PreparedStatement insert;
    private final PreparedStatement byId;

    public UserStore(CqlSession session) {
        this.session = session;
        this.claimHandle = session.prepare("INSERT INTO users_by_handle (handle_key, user_id) VALUES (?, ?) IF NOT EXISTS");
        this.releaseHandle = session.prepare("DELETE FROM users_by_handle WHERE handle_key = ? IF user_id = ?");
        this.insert = session.prepare("INSERT INTO users (id, handle, tier, created_at) VALUES (?, ?, ?, ?)");
        this.byId = session.prepare("SELECT id, handle, tier, created_at FROM users WHERE id = ?");
    }

    /**
     * Stores a new user unless its handle is taken (then returns false and writes nothing).
     * The handle is claimed first with a lightweight transaction; if the user row then cannot
     * be written, the claim is released, so a refused request leaves nothing behind.
     */
    public boolean create(User user) {
        String key = user.handle().key();
        if (!session.execute(claimHandle.bind(key, user.id())).wasApplied()) {
            return false;
        }
        try {
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

    private static User toUser(Row row) {
        return new User(row.getLong("id"), new Handle(row.getString("handle")),
                Tier.valueOf(row.getString("tier")), row.getInstant("created_at"));
    }
}

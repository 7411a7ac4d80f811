package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.tierfeed.core.Handle;
import dev.tierfeed.core.MediaRef;
import dev.tierfeed.core.Profile;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.User;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private final PreparedStatement updateProfile;
    private final PreparedStatement insertCredentials;
    private final PreparedStatement idByHandle;
    private final PreparedStatement passwordHash;

    public UserStore(CqlSession session) {
        this.session = session;
        this.claimHandle = Cql.prepare(session, "INSERT INTO users_by_handle (handle_key, user_id) VALUES (?, ?) IF NOT EXISTS");
        this.releaseHandle = Cql.prepare(session, "DELETE FROM users_by_handle WHERE handle_key = ? IF user_id = ?");
        this.insert = Cql.prepare(session, "INSERT INTO users (id, handle, tier, created_at) VALUES (?, ?, ?, ?)");
        this.byId = Cql.prepare(session, "SELECT id, handle, tier, created_at, display_name, bio, website, location, avatar FROM users WHERE id = ?");
        this.updateTier = Cql.prepare(session, "UPDATE users SET tier = ? WHERE id = ? IF EXISTS");
        this.updateProfile = Cql.prepare(session, "UPDATE users SET display_name = :display_name, bio = :bio, website = :website,"
                + " location = :location, avatar = :avatar WHERE id = :id IF EXISTS");
        this.insertCredentials = Cql.prepare(session, "INSERT INTO credentials (user_id, password_hash) VALUES (?, ?)");
        this.idByHandle = Cql.prepare(session, "SELECT user_id FROM users_by_handle WHERE handle_key = ?");
        this.passwordHash = Cql.prepare(session, "SELECT password_hash FROM credentials WHERE user_id = ?");
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
                    : Cql.batch(DefaultBatchType.LOGGED, List.of(row, insertCredentials.bind(user.id(), passwordHash))));
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
        return findAllAsync(ids).join();
    }

    /** {@link #findAll}, without waiting: the map once every lookup has answered. */
    public CompletableFuture<Map<Long, User>> findAllAsync(Collection<Long> ids) {
        List<CompletableFuture<AsyncResultSet>> lookups = ids.stream()
                .map(id -> session.executeAsync(byId.bind(id)).toCompletableFuture()).toList();
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<Long, User> users = new HashMap<>();
            for (CompletableFuture<AsyncResultSet> lookup : lookups) {
                Row row = lookup.join().one();
                if (row != null) {
                    users.put(row.getLong("id"), toUser(row));
                }
            }
            return users;
        });
    }

    /** Changes the user's tier (for posts made from now on); false when there is no such user. */
    public boolean changeTier(long id, Tier tier) {
        return session.execute(updateTier.bind(tier.name(), id)).wasApplied();
    }

    /**
     * Writes the parts of the user's profile that {@code changed} names, as {@code profile} has them,
     * and leaves the others as they are (a concurrent change of another part is not undone); false
     * when there is no such user.
     */
    public boolean changeProfile(long id, Profile profile, Set<ProfilePart> changed) {
        BoundStatementBuilder update = updateProfile.boundStatementBuilder().setLong("id", id);
        for (ProfilePart part : changed) { // the parts not set stay unset: Cassandra leaves their columns alone
            update = update.setString(part.column, switch (part) {
                case DISPLAY_NAME -> profile.displayName();
                case BIO -> profile.bio();
                case WEBSITE -> profile.website();
                case LOCATION -> profile.location();
                case AVATAR -> profile.avatar() == null ? null : MediaRef.toColumn(List.of(profile.avatar()));
            });
        }
        return session.execute(update.build()).wasApplied();
    }

    /** The parts of a profile, each a column of the user row. */
    public enum ProfilePart {
        DISPLAY_NAME("display_name"), BIO("bio"), WEBSITE("website"), LOCATION("location"), AVATAR("avatar");

        private final String column;

        ProfilePart(String column) {
            this.column = column;
        }
    }

    private static User toUser(Row row) {
        List<MediaRef> avatar = MediaRef.fromColumn(row.getString("avatar"));
        Profile profile = new Profile(row.getString("display_name"), row.getString("bio"), row.getString("website"),
                row.getString("location"), avatar.isEmpty() ? null : avatar.get(0));
        return new User(row.getLong("id"), new Handle(row.getString("handle")),
                Tier.valueOf(row.getString("tier")), row.getInstant("created_at"), profile);
    }
}

package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Sessions by the hash of their token; a session row lives exactly as long as the session (its TTL). */
public final class SessionStore {
    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement byHash;
    private final PreparedStatement delete;

    public record Session(long userId, Instant expiresAt) {
    }

    public SessionStore(CqlSession session) {
        this.session = session;
        this.insert = Cql.prepare(session, "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?) USING TTL ?");
        this.byHash = Cql.prepare(session, "SELECT user_id, expires_at FROM sessions WHERE token_hash = ?");
        this.delete = Cql.prepare(session, "DELETE FROM sessions WHERE token_hash = ?");
    }

    public void create(ByteBuffer tokenHash, long userId, Instant now, Duration lifetime) {
        session.execute(insert.bind(tokenHash, userId, now, now.plus(lifetime), (int) Math.max(1, lifetime.toSeconds())));
    }

    public Optional<Session> find(ByteBuffer tokenHash) {
        Row row = session.execute(byHash.bind(tokenHash)).one();
        return row == null ? Optional.empty() : Optional.of(new Session(row.getLong(0), row.getInstant(1)));
    }

    public void delete(ByteBuffer tokenHash) {
        session.execute(delete.bind(tokenHash));
    }
}

package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.tierfeed.core.Lockout;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Failed log-ins and the locks they set, by case-folded handle (schema V8); every row has a TTL. */
public final class LockoutStore {
    private final CqlSession session;
    private final PreparedStatement insertFailure;
    private final PreparedStatement failuresAfter;
    private final PreparedStatement insertLock;
    private final PreparedStatement lockOf;

    public LockoutStore(CqlSession session) {
        this.session = session;
        this.insertFailure = Cql.prepare(session, "INSERT INTO login_failures (handle_key, failed_at, record) VALUES (?, ?, ?) USING TTL ?");
        this.failuresAfter = Cql.prepare(session, "SELECT failed_at FROM login_failures WHERE handle_key = ? AND failed_at > ?");
        this.insertLock = Cql.prepare(session, "INSERT INTO lockouts (handle_key, locked_at, locked_until) VALUES (?, ?, ?) USING TTL ?");
        this.lockOf = Cql.prepare(session, "SELECT locked_at, locked_until FROM lockouts WHERE handle_key = ?");
    }

    /** Records a failure; {@code record} names it uniquely (its place in the log), so recording it again changes nothing. */
    public void recordFailure(String handleKey, Instant at, String record, Duration keep) {
        session.execute(insertFailure.bind(handleKey, at, record, ttl(keep)));
    }

    /** The handle's failures after {@code after}, newest first. */
    public List<Instant> failuresAfter(String handleKey, Instant after) {
        return session.execute(failuresAfter.bind(handleKey, after)).all().stream().map(row -> row.getInstant(0)).toList();
    }

    public void lock(String handleKey, Lockout.Lock lock, Duration keep) {
        session.execute(insertLock.bind(handleKey, lock.lockedAt(), lock.until(), ttl(keep)));
    }

    /** The handle's latest lock, whether or not it still holds. */
    public Optional<Lockout.Lock> latestLock(String handleKey) {
        Row row = session.execute(lockOf.bind(handleKey)).one();
        return row == null ? Optional.empty() : Optional.of(new Lockout.Lock(row.getInstant(0), row.getInstant(1)));
    }

    private static int ttl(Duration keep) {
        return (int) Math.max(1, keep.toSeconds());
    }
}

package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.tierfeed.core.CqlIdempotence;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Every statement the service runs, marked idempotent or not ({@link CqlIdempotence}) where it is
 * made. The driver sends a request again to another node, after the connection of its first attempt
 * died or the coordinator failed, only when it is marked idempotent; unmarked, it takes the default
 * ({@code basic.request.default-idempotence}: false) and the request fails instead. Lightweight
 * transactions, the follower counter and the list append of an unfollow are not; reads and writes
 * of given values are.
 */
public final class Cql {
    private Cql() {
    }

    /** Prepares {@code cql}; its bound statements carry its idempotence. */
    public static PreparedStatement prepare(CqlSession session, String cql) {
        return session.prepare(statement(cql));
    }

    /** {@link #prepare}, without waiting. */
    public static CompletionStage<PreparedStatement> prepareAsync(CqlSession session, String cql) {
        return session.prepareAsync(statement(cql));
    }

    /** {@code cql} with its positional values, to run unprepared. */
    public static SimpleStatement statement(String cql, Object... values) {
        return SimpleStatement.newInstance(cql, values).setIdempotent(CqlIdempotence.isIdempotent(cql));
    }

    /**
     * A batch of the statements, idempotent when every one of them is: the driver takes a batch's
     * idempotence as the batch states it (unstated: the default), not from its statements.
     */
    public static BatchStatement batch(BatchType type, List<? extends BatchableStatement<?>> statements) {
        boolean idempotent = statements.stream().allMatch(statement -> Boolean.TRUE.equals(statement.isIdempotent()));
        return BatchStatement.newInstance(type).addAll(statements).setIdempotent(idempotent);
    }
}

package dev.tierfeed.streaming;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.tierfeed.core.CqlIdempotence;
import java.util.List;

/**
 * How the job's statements go to Cassandra. The connector's session ({@code CassandraConnector.openSession})
 * keeps the driver's defaults, which the connector sets only on its own reads and writes: every
 * statement at LOCAL_ONE and none idempotent, so a request lost with a dead node would fail the
 * micro-batch, and at a replication factor of 3 a read could miss a follow or a presence that the
 * service wrote at LOCAL_QUORUM a moment earlier. Here every statement is at {@link #CONSISTENCY}
 * and idempotent: the job only reads and upserts given values (a batch replayed from the checkpoint
 * depends on that too), so one that is not is refused when it is prepared.
 */
final class Cql {
    /** The consistency of every read and write of the job. */
    static final ConsistencyLevel CONSISTENCY = DefaultConsistencyLevel.LOCAL_QUORUM;

    private Cql() {
    }

    /** Prepares {@code cql}; its bound statements carry its consistency and idempotence. */
    static PreparedStatement prepare(CqlSession session, String cql) {
        return session.prepare(statement(cql));
    }

    static SimpleStatement statement(String cql) {
        if (!CqlIdempotence.isIdempotent(cql)) {
            throw new IllegalArgumentException("the streaming job runs only statements it may run twice, not: " + cql);
        }
        return SimpleStatement.newInstance(cql).setIdempotent(true).setConsistencyLevel(CONSISTENCY);
    }

    /**
     * An unlogged batch of the writes, at {@link #CONSISTENCY}, idempotent when every write is: the
     * driver takes a batch's consistency and idempotence from the batch, not from its statements.
     */
    static BatchStatement unloggedBatch(List<? extends BatchableStatement<?>> writes) {
        boolean idempotent = writes.stream().allMatch(write -> Boolean.TRUE.equals(write.isIdempotent()));
        return BatchStatement.newInstance(DefaultBatchType.UNLOGGED).addAll(writes).setIdempotent(idempotent).setConsistencyLevel(CONSISTENCY);
    }
}

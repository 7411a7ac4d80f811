package dev.tierfeed.serving.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_DEFAULTS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import dev.tierfeed.core.Follow;
import dev.tierfeed.core.Handle;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.TierRules;
import dev.tierfeed.core.User;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The idempotence each statement of the service carries to the driver, which decides whether a
 * request lost with a dead node is sent to another: checked on the stores' own statements, made
 * against a session that prepares without a cluster.
 */
class CqlTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void onlyTheLightweightTransactionsTheCounterAndTheListAppendAreNotIdempotent() {
        FakeCassandra cassandra = new FakeCassandra();
        CqlSession session = cassandra.session;
        new AuditStore(session);
        new FollowStore(session);
        new IngestCountsStore(session);
        new LockoutStore(session);
        new PostStore(session);
        new PresenceStore(session, TierRules.DEFAULTS);
        new PullStore(session);
        new SeenStore(session);
        new SessionStore(session);
        new SpeedViewStore(session);
        new StreamHeartbeatStore(session);
        new UserStore(session);
        BatchViewStore batchView = new BatchViewStore(session, Clock.fixed(NOW, ZoneOffset.UTC));
        batchView.read(new BatchViewStore.Generation(3, NOW), 1, 0, 100, 10); // prepares the generation's read

        assertThat(cassandra.prepared).isNotEmpty().allSatisfy(statement -> assertThat(statement.isIdempotent()).isNotNull());
        assertThat(cassandra.prepared.stream().filter(statement -> !statement.isIdempotent()).map(SimpleStatement::getQuery)).containsExactlyInAnyOrder(
                "INSERT INTO users_by_handle (handle_key, user_id) VALUES (?, ?) IF NOT EXISTS",
                "DELETE FROM users_by_handle WHERE handle_key = ? IF user_id = ?",
                "UPDATE users SET tier = ? WHERE id = ? IF EXISTS",
                "UPDATE users SET display_name = :display_name, bio = :bio, website = :website,"
                        + " location = :location, avatar = :avatar WHERE id = :id IF EXISTS",
                "UPDATE follower_counts SET followers = followers + ? WHERE followee_id = ?",
                "UPDATE following SET since = null, ended = ended + ? WHERE follower_id = ? AND followee_id = ?");
    }

    @Test
    void theBatchesOfAFollowASignUpAndSeenReceiptsAreIdempotentAnUnfollowsIsNot() {
        FakeCassandra cassandra = new FakeCassandra();
        FollowStore follows = new FollowStore(cassandra.session);
        assertThat(follows.follow(new Follow(1, 2, NOW))).isTrue();
        assertThat(cassandra.lastBatch().isIdempotent()).isTrue();

        Row following = mock(Row.class);
        when(following.getInstant(1)).thenReturn(NOW.minusSeconds(60));
        when(following.get(eq(2), any(GenericType.class))).thenReturn(List.of());
        cassandra.row = following;
        assertThat(follows.unfollow(1, 2, NOW)).isTrue();
        assertThat(cassandra.lastBatch().isIdempotent()).isFalse();

        new SeenStore(cassandra.session).markSeen(1, List.of(10L, 11L), NOW);
        assertThat(cassandra.lastBatch().isIdempotent()).isTrue();

        assertThat(new UserStore(cassandra.session).create(new User(5, new Handle("ada"), Tier.FREE, NOW), "hash", created -> { })).isTrue();
        assertThat(cassandra.executed.get(cassandra.executed.size() - 2).isIdempotent()).as("the handle's claim").isFalse();
        assertThat(cassandra.lastBatch().isIdempotent()).isTrue();
    }

    @Test
    void aBatchIsIdempotentOnlyWhenEachOfItsStatementsIs() {
        SimpleStatement insert = Cql.statement("INSERT INTO seen (viewer_id, post_id, seen_at) VALUES (?, ?, ?)", 1L, 2L, NOW);
        SimpleStatement claim = Cql.statement("INSERT INTO users_by_handle (handle_key, user_id) VALUES (?, ?) IF NOT EXISTS", "ada", 1L);
        SimpleStatement unmarked = SimpleStatement.newInstance("INSERT INTO seen (viewer_id, post_id, seen_at) VALUES (?, ?, ?)", 1L, 3L, NOW);

        assertThat(Cql.batch(DefaultBatchType.UNLOGGED, List.of(insert, insert)).isIdempotent()).isTrue();
        assertThat(Cql.batch(DefaultBatchType.LOGGED, List.of(insert, claim)).isIdempotent()).isFalse();
        assertThat(Cql.batch(DefaultBatchType.UNLOGGED, List.of(insert, unmarked)).isIdempotent()).isFalse();
        assertThat(Cql.batch(DefaultBatchType.UNLOGGED, List.of(insert, insert))).hasSize(2);
    }

    /**
     * A session that prepares without a cluster: each prepared statement binds statements carrying the
     * idempotence it was prepared with, as the driver's do. Reads answer {@link #row}; every write applies.
     */
    private static final class FakeCassandra {
        final CqlSession session = mock(CqlSession.class);
        final List<SimpleStatement> prepared = new ArrayList<>();
        final List<Statement<?>> executed = new ArrayList<>();
        Row row;

        FakeCassandra() {
            // a statement made from its text alone would take the driver's default idempotence: false
            AssertionError unmarked = new AssertionError("a statement not made by Cql");
            when(session.prepare(anyString())).thenThrow(unmarked);
            when(session.prepareAsync(anyString())).thenThrow(unmarked);
            when(session.execute(anyString())).thenThrow(unmarked);
            when(session.prepare(any(SimpleStatement.class))).thenAnswer(call -> prepared(call.getArgument(0)));
            when(session.prepareAsync(any(SimpleStatement.class))).thenAnswer(call -> {
                prepared(call.getArgument(0));
                return new CompletableFuture<PreparedStatement>();
            });
            when(session.execute(any(Statement.class))).thenAnswer(call -> {
                executed.add(call.getArgument(0));
                ResultSet result = mock(ResultSet.class);
                when(result.one()).thenReturn(row);
                when(result.wasApplied()).thenReturn(true);
                return result;
            });
        }

        private PreparedStatement prepared(SimpleStatement statement) {
            prepared.add(statement);
            BoundStatement bound = mock(BoundStatement.class);
            when(bound.isIdempotent()).thenReturn(statement.isIdempotent());
            return mock(PreparedStatement.class, call -> call.getMethod().getName().equals("bind") ? bound : RETURNS_DEFAULTS.answer(call));
        }

        BatchStatement lastBatch() {
            return (BatchStatement) executed.get(executed.size() - 1);
        }
    }
}

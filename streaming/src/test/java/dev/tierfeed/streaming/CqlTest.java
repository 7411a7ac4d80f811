package dev.tierfeed.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

class CqlTest {

    @Test
    void theJobsStatementsAreIdempotentAtLocalQuorum() {
        SimpleStatement read = Cql.statement("SELECT viewer_id, seen_at FROM tierfeed.presence WHERE viewer_id IN ? AND seen_at >= ? AND seen_at <= ?");
        SimpleStatement upsert = Cql.statement("INSERT INTO tierfeed.speed_view (viewer_id, tier_rank, post_id) VALUES (?, ?, ?) USING TTL ?");

        assertThat(List.of(read, upsert)).allSatisfy(statement -> {
            assertThat(statement.isIdempotent()).isTrue();
            assertThat(statement.getConsistencyLevel()).isEqualTo(DefaultConsistencyLevel.LOCAL_QUORUM);
        });
    }

    @Test
    void aStatementThatMayNotRunTwiceIsRefused() {
        assertThatThrownBy(() -> Cql.statement("UPDATE tierfeed.follower_counts SET followers = followers + ? WHERE followee_id = ?"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cql.statement("INSERT INTO tierfeed.users_by_handle (handle_key, user_id) VALUES (?, ?) IF NOT EXISTS"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBatchStatesItsOwnConsistencyAndIsIdempotentOnlyWhenEachWriteIs() {
        SimpleStatement upsert = Cql.statement("INSERT INTO tierfeed.posts (id, author_id) VALUES (?, ?)");
        SimpleStatement unmarked = SimpleStatement.newInstance("INSERT INTO tierfeed.posts (id, author_id) VALUES (?, ?)");

        BatchStatement batch = Cql.unloggedBatch(List.of(upsert, upsert));
        assertThat(batch.isIdempotent()).isTrue();
        assertThat(batch.getConsistencyLevel()).isEqualTo(DefaultConsistencyLevel.LOCAL_QUORUM);
        assertThat(batch).hasSize(2);
        assertThat(Cql.unloggedBatch(List.of(upsert, unmarked)).isIdempotent()).isFalse();
    }
}

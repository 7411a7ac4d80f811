package dev.tierfeed.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CqlIdempotenceTest {

    @Test
    void readsAndWritesOfGivenValuesMayRunTwice() {
        assertThat(CqlIdempotence.isIdempotent("SELECT followee_id, since, ended FROM following WHERE follower_id = ? AND followee_id IN ?")).isTrue();
        assertThat(CqlIdempotence.isIdempotent("select release_version from system.local")).isTrue();
        assertThat(CqlIdempotence.isIdempotent("INSERT INTO presence (viewer_id, seen_at) VALUES (?, ?) USING TTL ?")).isTrue();
        assertThat(CqlIdempotence.isIdempotent("UPDATE following SET since = ? WHERE follower_id = ? AND followee_id = ?")).isTrue();
        assertThat(CqlIdempotence.isIdempotent("UPDATE users SET display_name = :display_name, bio = :bio WHERE id = :id")).isTrue();
        assertThat(CqlIdempotence.isIdempotent("DELETE FROM followers WHERE followee_id = ? AND follower_id = ?")).isTrue();
        assertThat(CqlIdempotence.isIdempotent("INSERT INTO pulled_authors (author_id, since, ended) VALUES (?, ?, ?)")).isTrue();
        assertThat(CqlIdempotence.isIdempotent("UPDATE ks.stream_heartbeat SET last_progress = ? WHERE query_name = 'fan-out'")).isTrue();
        assertThat(CqlIdempotence.isIdempotent("-- a comment - with + signs\nINSERT INTO t (k, l) VALUES (?, [1, 2])")).isTrue();
    }

    @Test
    void lightweightTransactionsMayNot() {
        assertThat(CqlIdempotence.isIdempotent("INSERT INTO users_by_handle (handle_key, user_id) VALUES (?, ?) IF NOT EXISTS")).isFalse();
        assertThat(CqlIdempotence.isIdempotent("DELETE FROM users_by_handle WHERE handle_key = ? IF user_id = ?")).isFalse();
        assertThat(CqlIdempotence.isIdempotent("UPDATE users SET tier = ? WHERE id = ? if exists")).isFalse();
    }

    @Test
    void countersCollectionArithmeticAndListIndicesMayNot() {
        assertThat(CqlIdempotence.isIdempotent("UPDATE follower_counts SET followers = followers + ? WHERE followee_id = ?")).isFalse();
        assertThat(CqlIdempotence.isIdempotent("UPDATE following SET since = null, ended = ended + ? WHERE follower_id = ? AND followee_id = ?")).isFalse();
        assertThat(CqlIdempotence.isIdempotent("UPDATE t SET l = ? + l WHERE k = ?")).isFalse();
        assertThat(CqlIdempotence.isIdempotent("UPDATE t SET c = c - 1 WHERE k = ?")).isFalse();
        assertThat(CqlIdempotence.isIdempotent("UPDATE t SET l[?] = ? WHERE k = ?")).isFalse();
        assertThat(CqlIdempotence.isIdempotent("DELETE l[0] FROM t WHERE k = ?")).isFalse();
    }

    @Test
    void valuesTheServerMakesMayNot() {
        assertThat(CqlIdempotence.isIdempotent("INSERT INTO t (k, at) VALUES (?, toTimestamp(now()))")).isFalse();
        assertThat(CqlIdempotence.isIdempotent("INSERT INTO t (k, id) VALUES (?, uuid())")).isFalse();
        assertThat(CqlIdempotence.isIdempotent("UPDATE t SET at = currentTimestamp() WHERE k = ?")).isFalse();
        assertThat(CqlIdempotence.isIdempotent("INSERT INTO t (k, id) VALUES (?, minTimeuuid(?))")).isTrue();
    }

    @Test
    void batchesAsTextAndSchemaChangesMayNot() {
        assertThat(CqlIdempotence.isIdempotent("BEGIN BATCH INSERT INTO t (k) VALUES (1); APPLY BATCH")).isFalse();
        assertThat(CqlIdempotence.isIdempotent("CREATE TABLE IF NOT EXISTS ks.t (k int PRIMARY KEY)")).isFalse();
        assertThat(CqlIdempotence.isIdempotent("DROP TABLE IF EXISTS ks.batch_view_g3")).isFalse();
        assertThat(CqlIdempotence.isIdempotent("TRUNCATE t")).isFalse();
    }
}

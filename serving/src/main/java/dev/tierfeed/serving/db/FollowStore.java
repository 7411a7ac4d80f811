package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.TupleType;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import dev.tierfeed.core.Follow;
import dev.tierfeed.core.FollowHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Follows: each viewer's history per author ({@code following}: the current follow and the
 * ended periods) and each author's current followers ({@code followers}, for the fan-out). A
 * follow or unfollow changes both in one logged batch.
 */
public final class FollowStore {
    private static final TupleType PERIOD = DataTypes.tupleOf(DataTypes.TIMESTAMP, DataTypes.TIMESTAMP);
    /** Built once: resolving a generic type on every row is a reflective walk. */
    private static final GenericType<List<TupleValue>> PERIODS = GenericType.listOf(TupleValue.class);

    private final CqlSession session;
    private final PreparedStatement history;
    private final PreparedStatement histories;
    private final PreparedStatement startFollowing;
    private final PreparedStatement insertFollower;
    private final PreparedStatement endFollowing;
    private final PreparedStatement deleteFollower;
    private final PreparedStatement followingPage;
    private final PreparedStatement followersPage;

    public FollowStore(CqlSession session) {
        this.session = session;
        this.history = Cql.prepare(session, "SELECT followee_id, since, ended FROM following WHERE follower_id = ? AND followee_id = ?");
        this.histories = Cql.prepare(session, "SELECT followee_id, since, ended FROM following WHERE follower_id = ? AND followee_id IN ?");
        this.startFollowing = Cql.prepare(session, "UPDATE following SET since = ? WHERE follower_id = ? AND followee_id = ?");
        this.insertFollower = Cql.prepare(session, "INSERT INTO followers (followee_id, follower_id, since) VALUES (?, ?, ?)");
        this.endFollowing = Cql.prepare(session, "UPDATE following SET since = null, ended = ended + ? WHERE follower_id = ? AND followee_id = ?");
        this.deleteFollower = Cql.prepare(session, "DELETE FROM followers WHERE followee_id = ? AND follower_id = ?");
        this.followingPage = Cql.prepare(session, "SELECT followee_id, since FROM following WHERE follower_id = ? AND followee_id > ? LIMIT ?");
        this.followersPage = Cql.prepare(session, "SELECT follower_id, since FROM followers WHERE followee_id = ? AND follower_id > ? LIMIT ?");
    }

    /** Starts the follow; following an author already followed changes nothing. Returns whether it changed anything. */
    public boolean follow(Follow follow) {
        if (find(follow.followerId(), follow.followeeId()).map(FollowHistory::isFollowing).orElse(false)) {
            return false;
        }
        session.execute(Cql.batch(DefaultBatchType.LOGGED, List.of(
                startFollowing.bind(follow.since(), follow.followerId(), follow.followeeId()),
                insertFollower.bind(follow.followeeId(), follow.followerId(), follow.since()))));
        return true;
    }

    /** Ends the current follow at {@code at}, keeping its period; not following changes nothing. Returns whether it changed anything. */
    public boolean unfollow(long follower, long followee, Instant at) {
        Optional<FollowHistory> current = find(follower, followee).filter(FollowHistory::isFollowing);
        if (current.isEmpty()) {
            return false;
        }
        TupleValue period = PERIOD.newValue(current.get().since(), at);
        // not idempotent (the list append): a request lost with its connection is not sent again
        session.execute(Cql.batch(DefaultBatchType.LOGGED, List.of(
                endFollowing.bind(List.of(period), follower, followee),
                deleteFollower.bind(followee, follower))));
        return true;
    }

    public Optional<FollowHistory> find(long follower, long followee) {
        return Optional.ofNullable(session.execute(history.bind(follower, followee)).one()).map(FollowStore::toHistory);
    }

    /** The viewer's follow history with each of these authors (absent: never followed). */
    public CompletableFuture<Map<Long, FollowHistory>> histories(long follower, Collection<Long> followees) {
        if (followees.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return AsyncRows.all(session.executeAsync(histories.bind(follower, List.copyOf(followees)))).thenApply(rows -> {
            Map<Long, FollowHistory> result = new HashMap<>();
            rows.forEach(row -> result.put(row.getLong(0), toHistory(row)));
            return result;
        });
    }

    /** A page of the users {@code follower} follows now, by id, after {@code afterId}. */
    public List<Followship> following(long follower, long afterId, int limit) {
        List<Followship> page = new ArrayList<>(limit);
        long after = afterId;
        // ended follows keep their row; skip them, reading on until the page is full
        while (page.size() < limit) {
            int read = 0;
            for (Row row : session.execute(followingPage.bind(follower, after, limit))) {
                read++;
                after = row.getLong("followee_id");
                if (row.getInstant("since") != null) {
                    page.add(new Followship(after, row.getInstant("since")));
                }
            }
            if (read < limit) {
                break;
            }
        }
        return page.size() > limit ? page.subList(0, limit) : page;
    }

    /** A page of the current followers of {@code followee}, by id, after {@code afterId}. */
    public List<Followship> followers(long followee, long afterId, int limit) {
        List<Followship> page = new ArrayList<>(limit);
        for (Row row : session.execute(followersPage.bind(followee, afterId, limit))) {
            page.add(new Followship(row.getLong("follower_id"), row.getInstant("since")));
        }
        return page;
    }

    /** A history from a row of (followee_id, since, ended), read by position. */
    private static FollowHistory toHistory(Row row) {
        List<FollowHistory.Period> ended = new ArrayList<>();
        for (TupleValue period : row.get(2, PERIODS)) {
            ended.add(new FollowHistory.Period(period.getInstant(0), period.getInstant(1)));
        }
        return new FollowHistory(row.getInstant(1), ended);
    }

    /** One side of a follow: the other user and since when. */
    public record Followship(long userId, Instant since) {
    }
}

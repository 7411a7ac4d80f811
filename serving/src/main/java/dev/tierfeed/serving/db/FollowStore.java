package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tierfeed.core.Follow;

/**
 * Follows, kept in both directions ({@code following} for a viewer, {@code followers} for the
 * fan-out). Both rows are written or deleted together in a logged batch.
 */
public final class FollowStore {
    private final CqlSession session;
    private final PreparedStatement exists;
    private final PreparedStatement insertFollowing;
    private final PreparedStatement insertFollower;
    private final PreparedStatement deleteFollowing;
    private final PreparedStatement deleteFollower;

    public FollowStore(CqlSession session) {
        this.session = session;
        this.exists = session.prepare("SELECT since FROM following WHERE follower_id = ? AND followee_id = ?");
        this.insertFollowing = session.prepare("INSERT INTO following (follower_id, followee_id, since) VALUES (?, ?, ?)");
        this.insertFollower = session.prepare("INSERT INTO followers (followee_id, follower_id, since) VALUES (?, ?, ?)");
        this.deleteFollowing = session.prepare("DELETE FROM following WHERE follower_id = ? AND followee_id = ?");
        this.deleteFollower = session.prepare("DELETE FROM followers WHERE followee_id = ? AND follower_id = ?");
    }

    /** Records the follow; following again keeps the original {@code since}. */
    public void follow(Follow follow) {
        if (session.execute(exists.bind(follow.followerId(), follow.followeeId())).one() != null) {
            return;
        }
        session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
                insertFollowing.bind(follow.followerId(), follow.followeeId(), follow.since()),
                insertFollower.bind(follow.followeeId(), follow.followerId(), follow.since())));
    }

    public void unfollow(long followerId, long followeeId) {
        session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
                deleteFollowing.bind(followerId, followeeId),
                deleteFollower.bind(followeeId, followerId)));
    }
}

package dev.tierfeed.serving.feed;

import dev.tierfeed.core.FeedCursor;
import dev.tierfeed.core.FeedPage;
import dev.tierfeed.core.FollowHistory;
import dev.tierfeed.core.PendingFeed;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.Tier;
import dev.tierfeed.serving.db.FollowStore;
import dev.tierfeed.serving.db.SeenStore;
import dev.tierfeed.serving.db.SpeedViewStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fetches the inputs of a feed page and lets {@link PendingFeed} decide it. The speed view is
 * stored in feed order (tier, then newest first), so the reader walks it tier by tier from the
 * cursor in chunks, with the seen receipts and follow histories of each chunk's posts, until
 * it holds one more pending item than the page needs (or the view ends). It decides nothing:
 * every rule is in {@code core}.
 */
public final class FeedReader {
    private final SpeedViewStore speedView;
    private final SeenStore seen;
    private final FollowStore follows;
    private final PendingFeed rules;

    public FeedReader(SpeedViewStore speedView, SeenStore seen, FollowStore follows, PendingFeed rules) {
        this.speedView = speedView;
        this.seen = seen;
        this.follows = follows;
        this.rules = rules;
    }

    public FeedPage page(long viewer, Optional<FeedCursor> after, int limit, Instant now) {
        int chunk = Math.max(2 * limit + 1, 32);
        List<Post> candidates = new ArrayList<>();
        Set<Long> seenPosts = new HashSet<>();
        Map<Long, FollowHistory> histories = new HashMap<>();
        Set<Long> authorsLookedUp = new HashSet<>();
        int pending = 0;
        for (Tier tier : Tier.values()) {
            if (after.isPresent() && tier.compareTo(after.get().last().tier()) < 0) {
                continue;
            }
            Long before = after.filter(cursor -> cursor.last().tier() == tier).map(cursor -> cursor.last().postId()).orElse(null);
            while (pending <= limit) {
                List<Post> rows = speedView.read(viewer, tier, before, chunk);
                if (rows.isEmpty()) {
                    break;
                }
                seenPosts.addAll(seen.seenAmong(viewer, rows.stream().map(Post::id).toList()));
                List<Long> newAuthors = rows.stream().map(Post::authorId).filter(authorsLookedUp::add).toList();
                histories.putAll(follows.histories(viewer, newAuthors));
                candidates.addAll(rows);
                pending += (int) rows.stream().filter(post -> rules.isPending(viewer, post, seenPosts, histories, now)).count();
                if (rows.size() < chunk) {
                    break;
                }
                before = rows.get(rows.size() - 1).id();
            }
        }
        return rules.page(viewer, candidates, seenPosts, histories, now, after, limit);
    }
}

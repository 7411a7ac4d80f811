package dev.tierfeed.streaming;

import dev.tierfeed.core.DeliveryPolicy;
import dev.tierfeed.core.FanOut;
import dev.tierfeed.core.FollowHistory;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PullPeriods;
import dev.tierfeed.core.WatchingWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fan-out of a micro-batch's posts as a pure function of what it reads: for each post and
 * each current follower of its author, {@code core}'s {@link DeliveryPolicy#fanOut} decides; this
 * class only gathers what the decisions need (each author's followers once, each follower's
 * presence once) and turns them into the speed-view rows to write. {@link FanOutWriter} does the
 * reading and writing.
 */
final class FanOutPlanner {
    private final DeliveryPolicy policy;

    FanOutPlanner(DeliveryPolicy policy) {
        this.policy = policy;
    }

    /** A current follower of an author, as the {@code followers} table holds it. */
    record Follower(long id, Instant since) {
    }

    /** What the fan-out does with one post for one follower. */
    record Decision(long followerId, Post post, FanOut fanOut) {
    }

    /** A speed-view row to write. */
    record SpeedRow(long viewerId, Post post, int ttlSeconds) {
    }

    /**
     * The authors whose followers the posts need, each once: all but those pulled now (the hybrid
     * fan-out), whose posts serving pulls at read time, so no follower of theirs gets a row.
     */
    static Set<Long> authors(Collection<Post> posts, Map<Long, PullPeriods> pulled, Instant now) {
        Set<Long> authors = new LinkedHashSet<>();
        posts.stream().map(Post::authorId).filter(author -> !pulled.getOrDefault(author, PullPeriods.NEVER).isPulledAt(now)).forEach(authors::add);
        return authors;
    }

    /** The decision for every post and every current follower of its author, except those that write nothing. */
    List<Decision> decide(Collection<Post> posts, Map<Long, List<Follower>> followersByAuthor, Instant now) {
        List<Decision> decisions = new ArrayList<>();
        for (Post post : posts) {
            for (Follower follower : followersByAuthor.getOrDefault(post.authorId(), List.of())) {
                FanOut fanOut = policy.fanOut(follower.id(), post, FollowHistory.following(follower.since()), now);
                if (fanOut.kind() != FanOut.Kind.SKIP) {
                    decisions.add(new Decision(follower.id(), post, fanOut));
                }
            }
        }
        return decisions;
    }

    /** For each follower whose deliveries depend on presence, the span of time to read it for: every window, once. */
    static Map<Long, WatchingWindow> presenceToRead(Collection<Decision> decisions) {
        Map<Long, WatchingWindow> spans = new HashMap<>();
        for (Decision decision : decisions) {
            if (decision.fanOut().needsPresence()) {
                spans.merge(decision.followerId(), decision.fanOut().watching(), FanOutPlanner::span);
            }
        }
        return spans;
    }

    /** The rows to write, given each follower's presence records within its span. */
    static List<SpeedRow> rows(Collection<Decision> decisions, Map<Long, List<Instant>> presence) {
        List<SpeedRow> rows = new ArrayList<>();
        for (Decision decision : decisions) {
            if (decision.fanOut().delivers(presence.getOrDefault(decision.followerId(), List.of()))) {
                rows.add(new SpeedRow(decision.followerId(), decision.post(), decision.fanOut().ttlSeconds()));
            }
        }
        return rows;
    }

    static WatchingWindow span(WatchingWindow a, WatchingWindow b) {
        return new WatchingWindow(a.from().isBefore(b.from()) ? a.from() : b.from(), a.until().isAfter(b.until()) ? a.until() : b.until());
    }
}

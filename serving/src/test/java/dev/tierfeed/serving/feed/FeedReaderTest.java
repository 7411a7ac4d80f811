package dev.tierfeed.serving.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tierfeed.core.BatchCutoff;
import dev.tierfeed.core.FeedCursor;
import dev.tierfeed.core.FeedPage;
import dev.tierfeed.core.FollowHistory;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.PendingFeed;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PostText;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.TierRules;
import dev.tierfeed.serving.db.BatchViewStore;
import dev.tierfeed.serving.db.BatchViewStore.Generation;
import dev.tierfeed.serving.db.FollowStore;
import dev.tierfeed.serving.db.SeenStore;
import dev.tierfeed.serving.db.SpeedViewStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The feed reader against fixed rows in the views: it fetches what {@code core} needs, and the page is {@code core}'s. */
class FeedReaderTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Instant CUTOFF = NOW.minus(Duration.ofHours(6));
    private static final long VIEWER = 1;
    private static final PendingFeed PENDING = new PendingFeed(TierRules.DEFAULTS);

    /** What the views and master tables hold for the viewer. */
    private static final class Views {
        final List<Post> speed = new ArrayList<>();
        final List<Post> batch = new ArrayList<>();
        final Set<Long> seen = new java.util.HashSet<>();
        final Map<Long, FollowHistory> follows = new HashMap<>();
        Optional<Generation> generation = Optional.empty();
        final SpeedViewStore speedStore = mock(SpeedViewStore.class);
        final BatchViewStore batchStore = mock(BatchViewStore.class);

        FeedReader reader() {
            SeenStore seenStore = mock(SeenStore.class);
            FollowStore followStore = mock(FollowStore.class);
            when(speedStore.read(anyLong(), any(), anyLong(), anyLong(), anyInt())).thenAnswer(call ->
                    slice(speed.stream().filter(post -> post.tier() == call.getArgument(1)).toList(),
                            call.getArgument(2), call.getArgument(3), call.getArgument(4)));
            when(batchStore.current()).thenAnswer(call -> generation);
            when(batchStore.read(any(), anyLong(), anyLong(), anyLong(), anyInt())).thenAnswer(call ->
                    slice(batch, call.getArgument(2), call.getArgument(3), call.getArgument(4)));
            when(seenStore.seenAmong(anyLong(), any())).thenAnswer(call -> CompletableFuture.completedFuture(
                    ((Collection<Long>) call.getArgument(1)).stream().filter(seen::contains).collect(Collectors.toSet())));
            when(followStore.histories(anyLong(), any())).thenAnswer(call -> CompletableFuture.completedFuture(
                    ((Collection<Long>) call.getArgument(1)).stream().filter(follows::containsKey)
                            .collect(Collectors.toMap(author -> author, follows::get))));
            return new FeedReader(speedStore, batchStore, seenStore, followStore, PENDING);
        }

        private static List<Post> slice(List<Post> rows, long lowest, long below, int limit) {
            return rows.stream().filter(post -> post.id() >= lowest && post.id() < below)
                    .sorted(Comparator.comparingLong(Post::id).reversed()).limit(limit).toList();
        }
    }

    @Test
    void pagesWalkExactlyWhatCoreDecidesOverAllCandidates() {
        Views views = mixedWorld();
        FeedReader reader = views.reader();
        List<Post> everything = PENDING.page(VIEWER, candidates(views), views.seen, views.follows, NOW, Optional.empty(), 1000).items();
        assertThat(everything).hasSizeGreaterThan(10);

        for (int limit = 1; limit <= 7; limit++) {
            assertThat(walk(reader, limit)).as("pages of " + limit).containsExactlyElementsOf(everything);
        }
    }

    @Test
    void premiumPostsUpToTheCutoffComeFromTheBatchViewOnly() {
        Views views = new Views();
        views.follows.put(10L, FollowHistory.following(NOW.minus(Duration.ofDays(30))));
        Post inBatch = post(10, Tier.PREMIUM, CUTOFF.minus(Duration.ofDays(10)));
        Post onlyInSpeed = post(10, Tier.PREMIUM, CUTOFF.minusSeconds(1));   // the batch left it out (seen by then, say)
        Post afterCutoff = post(10, Tier.PREMIUM, CUTOFF.plusSeconds(1));
        views.speed.addAll(List.of(onlyInSpeed, afterCutoff));
        views.batch.add(inBatch);
        views.generation = Optional.of(new Generation(4, CUTOFF));

        assertThat(walk(views.reader(), 10)).containsExactly(afterCutoff, inBatch);
    }

    @Test
    void aPageReadsOnlyAsFarAsItNeeds() {
        Views views = new Views();
        views.follows.put(10L, FollowHistory.following(NOW.minus(Duration.ofDays(30))));
        for (int i = 0; i < 1000; i++) {
            views.speed.add(post(10, Tier.STANDARD, NOW.minusSeconds(10 + i)));
        }

        FeedPage page = views.reader().page(VIEWER, Optional.empty(), 20, NOW);

        assertThat(page.items()).hasSize(20);
        verify(views.speedStore, atMost(2)).read(anyLong(), any(), anyLong(), anyLong(), anyInt());
    }

    private static List<Post> walk(FeedReader reader, int limit) {
        List<Post> walked = new ArrayList<>();
        Optional<FeedCursor> cursor = Optional.empty();
        do {
            FeedPage page = reader.page(VIEWER, cursor, limit, NOW);
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            walked.addAll(page.items());
            cursor = page.next();
        } while (cursor.isPresent());
        return walked;
    }

    /** The candidates as core sees them: premium up to the cutoff from the batch view, the rest from the speed view. */
    private static List<Post> candidates(Views views) {
        List<Post> all = new ArrayList<>(views.batch);
        long firstSpeed = views.generation.map(g -> new BatchCutoff(g.cutoff()).firstSpeedViewPostId()).orElse(Long.MIN_VALUE);
        views.speed.stream().filter(post -> post.tier() != Tier.PREMIUM || post.id() >= firstSpeed).forEach(all::add);
        return all;
    }

    /** Every tier, seen posts, an unfollowed author, an expired standard post, premium on both sides of the cutoff. */
    private static Views mixedWorld() {
        Views views = new Views();
        views.follows.put(10L, FollowHistory.following(NOW.minus(Duration.ofDays(60))));
        views.follows.put(11L, FollowHistory.following(NOW.minus(Duration.ofDays(60))).unfollowedAt(NOW.minusSeconds(5)));
        views.follows.put(12L, FollowHistory.following(NOW.minus(Duration.ofDays(2))));
        views.generation = Optional.of(new Generation(7, CUTOFF));
        for (int i = 0; i < 6; i++) {
            views.batch.add(post(10, Tier.PREMIUM, CUTOFF.minus(Duration.ofHours(1 + 30L * i))));
            views.speed.add(post(10 + i % 3, Tier.PREMIUM, CUTOFF.plus(Duration.ofMinutes(1 + 7L * i))));
            views.speed.add(post(10 + i % 3, Tier.STANDARD, NOW.minus(Duration.ofHours(30L * i))));
            views.speed.add(post(12, Tier.FREE, NOW.minus(Duration.ofMinutes(5L * i))));
        }
        views.speed.add(post(10, Tier.STANDARD, NOW.minus(Duration.ofDays(8))));
        views.seen.add(views.batch.get(1).id());
        views.seen.add(views.speed.get(4).id());
        return views;
    }

    private static long sequence;

    private static Post post(long author, Tier tier, Instant at) {
        return Post.create(Ids.lowestAt(at) + (++sequence % 4000), author, tier, new PostText("by " + author));
    }
}

package dev.tierfeed.serving.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.codahale.metrics.Meter;
import dev.tierfeed.core.BatchCutoff;
import dev.tierfeed.core.DeliveryPolicy;
import dev.tierfeed.core.FeedCursor;
import dev.tierfeed.core.FeedPage;
import dev.tierfeed.core.FollowHistory;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.PendingFeed;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PostText;
import dev.tierfeed.core.SeenRange;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.TierRules;
import dev.tierfeed.serving.db.BatchViewStore;
import dev.tierfeed.serving.db.BatchViewStore.Generation;
import dev.tierfeed.serving.db.FollowStore;
import dev.tierfeed.serving.db.PostStore;
import dev.tierfeed.serving.db.PresenceStore;
import dev.tierfeed.serving.db.SeenRangeStore;
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
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The feed reader against fixed rows in the views: it fetches what {@code core} needs, and the page is {@code core}'s. */
class FeedReaderTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Instant CUTOFF = NOW.minus(Duration.ofHours(6));
    private static final long VIEWER = 1;
    private static final PendingFeed PENDING = new PendingFeed(TierRules.DEFAULTS);
    private static final DeliveryPolicy POLICY = new DeliveryPolicy(TierRules.DEFAULTS);

    /** What the views and master tables hold for the viewer. */
    private static final class Views {
        final List<Post> speed = new ArrayList<>();
        final List<Post> batch = new ArrayList<>();
        final Set<Long> seen = new java.util.HashSet<>();
        final Map<Long, FollowHistory> follows = new HashMap<>();
        Optional<Generation> generation = Optional.empty();
        /** Posts of pulled authors (posts_by_author), and the viewer's stored presence. */
        final List<Post> pulled = new ArrayList<>();
        final List<Instant> presence = new ArrayList<>();
        final SpeedViewStore speedStore = mock(SpeedViewStore.class);
        /** The viewer's stored runs of seen rows, and how far the fan-out has written every post. */
        final Map<Tier, SeenRange> ranges = new HashMap<>();
        final SeenRangeStore rangeStore = mock(SeenRangeStore.class);
        long fannedOutThrough = Long.MAX_VALUE;
        final BatchViewStore batchStore = mock(BatchViewStore.class);

        FeedReader reader() {
            SeenStore seenStore = mock(SeenStore.class);
            FollowStore followStore = mock(FollowStore.class);
            PostStore postStore = mock(PostStore.class);
            PresenceStore presenceStore = mock(PresenceStore.class);
            PulledAuthors pulledAuthors = mock(PulledAuthors.class);
            when(speedStore.read(anyLong(), any(), anyLong(), anyLong(), anyInt())).thenAnswer(call -> CompletableFuture.completedFuture(
                    slice(speed.stream().filter(post -> post.tier() == call.getArgument(1)).toList(),
                            call.getArgument(2), call.getArgument(3), call.getArgument(4))));
            when(batchStore.current()).thenAnswer(call -> generation);
            when(batchStore.read(any(), anyLong(), anyLong(), anyLong(), anyInt())).thenAnswer(call -> CompletableFuture.completedFuture(
                    slice(batch, call.getArgument(2), call.getArgument(3), call.getArgument(4))));
            when(pulledAuthors.toPull()).thenAnswer(call -> pulled.stream().map(Post::authorId).collect(Collectors.toSet()));
            when(postStore.byAuthorBetween(anyLong(), anyLong(), anyLong(), anyInt())).thenAnswer(call -> CompletableFuture.completedFuture(
                    slice(pulled.stream().filter(post -> post.authorId() == (long) call.getArgument(0)).toList(),
                            call.getArgument(1), call.getArgument(2), call.getArgument(3))));
            when(presenceStore.within(anyLong(), any(), any())).thenAnswer(call -> CompletableFuture.completedFuture(presence.stream()
                    .filter(at -> !at.isBefore(call.getArgument(1)) && !at.isAfter(call.getArgument(2))).toList()));
            when(seenStore.seenAmong(anyLong(), any())).thenAnswer(call -> CompletableFuture.completedFuture(
                    ((Collection<Long>) call.getArgument(1)).stream().filter(seen::contains).collect(Collectors.toSet())));
            when(followStore.histories(anyLong(), any())).thenAnswer(call -> CompletableFuture.completedFuture(
                    ((Collection<Long>) call.getArgument(1)).stream().filter(follows::containsKey)
                            .collect(Collectors.toMap(author -> author, follows::get))));
            when(rangeStore.ranges(anyLong())).thenAnswer(call -> CompletableFuture.completedFuture(Map.copyOf(ranges)));
            when(rangeStore.store(anyLong(), any(), any())).thenAnswer(call -> {
                ranges.put(call.getArgument(1), call.getArgument(2));
                return CompletableFuture.completedFuture(null);
            });
            return new FeedReader(speedStore, batchStore, seenStore, followStore,
                    new FeedReader.Pulls(pulledAuthors, postStore, presenceStore, POLICY, new Meter()),
                    new FeedReader.Skips(rangeStore, () -> fannedOutThrough), PENDING);
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
    void aPulledAuthorsPostsReadLikePushedOnesInterleavedInOrderAndAPostFoundBothWaysOnce() {
        Views views = mixedWorld();
        long celebrity = 20;
        views.follows.put(celebrity, FollowHistory.following(NOW.minus(Duration.ofDays(60))));
        for (int i = 0; i < 8; i++) {
            views.pulled.add(post(celebrity, Tier.PREMIUM, CUTOFF.plus(Duration.ofMinutes(3 + 7L * i))));
            views.pulled.add(post(celebrity, Tier.STANDARD, NOW.minus(Duration.ofHours(20L * i))));
        }
        views.pulled.add(post(celebrity, Tier.STANDARD, NOW.minus(Duration.ofDays(8))));   // past the retention: nowhere
        views.speed.add(views.pulled.get(3));   // pushed before the author crossed the threshold, and pulled since
        FeedReader reader = views.reader();
        List<Post> pushedOrPulled = new ArrayList<>(candidates(views));
        views.pulled.stream().filter(post -> post.createdAt().isAfter(CUTOFF) || post.tier() != Tier.PREMIUM).forEach(pushedOrPulled::add);
        List<Post> everything = PENDING.page(VIEWER, pushedOrPulled, views.seen, views.follows, NOW, Optional.empty(), 1000).items();
        assertThat(everything).containsAll(views.pulled.subList(0, 16)).doesNotContain(views.pulled.get(16));

        for (int limit = 1; limit <= 7; limit++) {
            assertThat(walk(reader, limit)).as("pages of " + limit).containsExactlyElementsOf(everything);
        }
    }

    @Test
    void aSourceReadPastTheOthersNeverGetsAheadOfWhatTheyHaveNotReadYet() {
        Views views = new Views();
        long pushed = 10;
        long celebrity = 20;
        views.follows.put(pushed, FollowHistory.following(NOW.minus(Duration.ofDays(30))));
        views.follows.put(celebrity, FollowHistory.following(NOW.minus(Duration.ofDays(30))));
        List<Post> unseen = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            Post post = post(pushed, Tier.PREMIUM, NOW.minusSeconds(60L * i));
            views.speed.add(post);
            if (i <= 6) {
                views.seen.add(post.id());   // the newest six were seen: the first chunk holds nothing pending
            } else {
                unseen.add(post);
            }
        }
        for (int i = 1; i <= 12; i++) {
            views.pulled.add(post(celebrity, Tier.PREMIUM, NOW.minus(Duration.ofHours(i))));   // all older than the pushed ones
        }

        List<Post> walked = walk(views.reader(), 1);

        assertThat(walked.subList(0, 6)).containsExactlyElementsOf(unseen);
        assertThat(walked.subList(6, 18)).containsExactlyElementsOf(views.pulled);
    }

    @Test
    void aPulledFreePostReachesTheViewerOnlyIfTheyWereWatchingWhenItWasMade() {
        Views views = new Views();
        long free = 30;
        views.follows.put(free, FollowHistory.following(NOW.minus(Duration.ofDays(1))));
        Post watched = post(free, Tier.FREE, NOW.minusSeconds(100));
        Post unwatched = post(free, Tier.FREE, NOW.minusSeconds(10));
        views.pulled.addAll(List.of(watched, unwatched));
        views.presence.add(NOW.minusSeconds(130));   // within the minute before the first post, not before the second

        assertThat(walk(views.reader(), 10)).containsExactly(watched);
    }

    @Test
    void anAuthorNoLongerFollowedIsNotPulled() {
        Views views = new Views();
        long gone = 40;
        views.follows.put(gone, FollowHistory.following(NOW.minus(Duration.ofDays(1))).unfollowedAt(NOW.minusSeconds(1)));
        views.pulled.add(post(gone, Tier.PREMIUM, NOW.minusSeconds(60)));

        assertThat(walk(views.reader(), 10)).isEmpty();
    }

    @Test
    void aPageReadsOnlyAsFarAsItNeeds() {
        Views views = new Views();
        views.follows.put(10L, FollowHistory.following(NOW.minus(Duration.ofDays(30))));
        for (int i = 0; i < 1000; i++) {
            views.speed.add(post(10, Tier.STANDARD, NOW.minusSeconds(10 + i)));
        }

        FeedPage page = views.reader().page(VIEWER, Optional.empty(), 20, NOW).join();

        assertThat(page.items()).hasSize(20);
        verify(views.speedStore, atMost(2)).read(anyLong(), any(), anyLong(), anyLong(), anyInt());
    }

    @Test
    void aViewerWhoKeepsUpHasWhatTheySawSkippedAndStillGetsEveryNewPost() {
        Views views = new Views();
        views.follows.put(10L, FollowHistory.following(NOW.minus(Duration.ofDays(30))));
        for (int i = 300; i > 0; i--) {
            Post post = post(10, Tier.PREMIUM, NOW.minusSeconds(10L * i));
            views.speed.add(post);
            views.seen.add(post.id());
        }
        views.fannedOutThrough = Ids.lowestAt(NOW.minusSeconds(30)) - 1;
        FeedReader reader = views.reader();

        assertThat(reader.page(VIEWER, Optional.empty(), 20, NOW).join().items()).isEmpty();
        // every row the fan-out has finished with was seen: one run up to its horizon, never beyond
        SeenRange run = new SeenRange(Long.MIN_VALUE, views.fannedOutThrough);
        assertThat(views.ranges).containsExactly(Map.entry(Tier.PREMIUM, run));

        Post justMade = post(10, Tier.PREMIUM, NOW.minusSeconds(1));
        Post fannedOutLate = post(10, Tier.PREMIUM, NOW.minusSeconds(25));   // above the horizon: a run may not hold it yet
        views.speed.addAll(List.of(justMade, fannedOutLate));
        clearInvocations(views.speedStore);
        assertThat(reader.page(VIEWER, Optional.empty(), 20, NOW).join().items()).containsExactly(justMade, fannedOutLate);
        ArgumentCaptor<Long> lowest = ArgumentCaptor.forClass(Long.class);
        verify(views.speedStore, atLeastOnce()).read(anyLong(), eq(Tier.PREMIUM),
                lowest.capture(), anyLong(), anyInt());
        assertThat(lowest.getAllValues()).as("never read inside the run").allSatisfy(from -> assertThat(from).isGreaterThan(run.high()));
    }

    @Test
    void anUnseenRowStopsARunAndARunGrowsOnlyWhenItSavesEnoughRows() {
        Views views = new Views();
        views.follows.put(10L, FollowHistory.following(NOW.minus(Duration.ofDays(30))));
        List<Post> rows = new ArrayList<>();
        for (int i = 40; i > 0; i--) {
            rows.add(post(10, Tier.STANDARD, NOW.minus(Duration.ofMinutes(i))));
        }
        views.speed.addAll(rows);
        rows.forEach(post -> views.seen.add(post.id()));
        Post unseen = rows.get(9);
        views.seen.remove(unseen.id());
        views.fannedOutThrough = Ids.lowestAt(NOW) - 1;
        FeedReader reader = views.reader();

        assertThat(reader.page(VIEWER, Optional.empty(), 20, NOW).join().items()).containsExactly(unseen);
        // thirty seen rows above the unseen one, nine below: the run is the thirty
        assertThat(views.ranges).containsExactly(Map.entry(Tier.STANDARD, new SeenRange(unseen.id() + 1, views.fannedOutThrough)));

        views.seen.add(unseen.id());
        reader.page(VIEWER, Optional.empty(), 20, NOW).join();
        // the read below the run found ten more seen rows: down to the bottom
        assertThat(views.ranges).containsExactly(Map.entry(Tier.STANDARD, new SeenRange(Long.MIN_VALUE, views.fannedOutThrough)));

        Post next = post(10, Tier.STANDARD, NOW.plusSeconds(1));
        views.speed.add(next);
        views.seen.add(next.id());
        views.fannedOutThrough = Ids.lowestAt(NOW.plusSeconds(2)) - 1;
        reader.page(VIEWER, Optional.empty(), 20, NOW).join();
        assertThat(views.ranges.get(Tier.STANDARD).high()).as("one more row is not worth a write").isEqualTo(Ids.lowestAt(NOW) - 1);
    }

    @Test
    void runsStoredByEarlierReadsNeverChangeAPage() {
        for (int round = 0; round < 20; round++) {
            Views views = mixedWorld();
            Random random = new Random(round);
            for (int i = 0; i < 200; i++) {
                Post post = post(10 + random.nextInt(3), Tier.values()[random.nextInt(2)], NOW.minus(Duration.ofMinutes(1 + random.nextInt(3000))));
                views.speed.add(post);
                if (random.nextInt(25) != 0) {
                    views.seen.add(post.id());
                }
            }
            FeedReader reader = views.reader();
            for (int limit : List.of(1, 5, 20, 50)) {
                walk(reader, limit);   // reads store runs as they go
            }
            assertThat(views.ranges).as("runs stored").isNotEmpty();
            List<Post> everything = PENDING.page(VIEWER, candidates(views), views.seen, views.follows, NOW, Optional.empty(), 1000).items();
            for (int limit = 1; limit <= 7; limit++) {
                assertThat(walk(reader, limit)).as("round " + round + ", pages of " + limit).containsExactlyElementsOf(everything);
            }
        }
    }

    private static List<Post> walk(FeedReader reader, int limit) {
        List<Post> walked = new ArrayList<>();
        Optional<FeedCursor> cursor = Optional.empty();
        do {
            FeedPage page = reader.page(VIEWER, cursor, limit, NOW).join();
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

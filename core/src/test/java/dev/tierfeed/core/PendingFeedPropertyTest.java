package dev.tierfeed.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The rules of PRODUCT.md over random worlds: posts of every tier with ages clustered around
 * the retention boundaries, random follow histories (current, ended, re-followed), random seen
 * posts, candidates that repeat posts (both views) and include the viewer's own.
 * {@link #pendingByDefinition} is an independent model of the definitions, written from PRODUCT.md.
 */
class PendingFeedPropertyTest {
    private static final long VIEWER = 1;
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final TierRules RULES = TierRules.DEFAULTS;
    private static final PendingFeed FEED = new PendingFeed(RULES);

    /** A viewer's world: what the views hold for them, what they saw, whom they follow, a page size. */
    record World(List<Post> candidates, Set<Long> seen, Map<Long, FollowHistory> follows, int limit) {
        FeedPage page(Optional<FeedCursor> after, int limit) {
            return FEED.page(VIEWER, candidates, seen, follows, NOW, after, limit);
        }

        FeedPage everything() {
            return page(Optional.empty(), candidates.size() + 1);
        }
    }

    @Test
    void aPageHasNoDuplicates() {
        Trials.forAll(PendingFeedPropertyTest::world, world ->
                assertThat(world.page(Optional.empty(), world.limit()).items().stream().map(Post::id).toList()).doesNotHaveDuplicates());
    }

    @Test
    void orderIsPremiumStandardFreeThenNewestFirstThenIdDescending() {
        Trials.forAll(PendingFeedPropertyTest::world, world -> {
            List<Post> items = world.everything().items();
            for (int i = 1; i < items.size(); i++) {
                Post a = items.get(i - 1);
                Post b = items.get(i);
                assertThat(a.tier().rank()).isLessThanOrEqualTo(b.tier().rank());
                if (a.tier() == b.tier()) {
                    assertThat(a.createdAt()).isAfterOrEqualTo(b.createdAt());
                    if (a.createdAt().equals(b.createdAt())) {
                        assertThat(a.id()).isGreaterThan(b.id());
                    }
                }
            }
        });
    }

    @Test
    void noSeenPostAndNoPostOfAnAuthorNoLongerFollowed() {
        Trials.forAll(PendingFeedPropertyTest::world, world -> {
            for (Post post : world.everything().items()) {
                assertThat(world.seen()).doesNotContain(post.id());
                assertThat(world.follows().get(post.authorId())).isNotNull().matches(FollowHistory::isFollowing);
            }
        });
    }

    @Test
    void noStandardOrFreePostPastItsRetention() {
        Trials.forAll(PendingFeedPropertyTest::world, world -> {
            for (Post post : world.everything().items()) {
                Duration age = Duration.between(post.createdAt(), NOW);
                if (post.tier() == Tier.STANDARD) {
                    assertThat(age).isLessThan(RULES.standardRetention());
                } else if (post.tier() == Tier.FREE) {
                    assertThat(age).isLessThan(RULES.freeRetention());
                }
            }
        });
    }

    @Test
    void theViewersOwnPostsNeverAppearEvenIfTheyFollowThemselves() {
        Trials.forAll(PendingFeedPropertyTest::world, world -> {
            Map<Long, FollowHistory> follows = new HashMap<>(world.follows());
            follows.put(VIEWER, FollowHistory.following(NOW.minus(Duration.ofDays(30))));
            List<Post> candidates = new ArrayList<>(world.candidates());
            candidates.add(Post.create(Ids.lowestAt(NOW.minusSeconds(5)), VIEWER, Tier.PREMIUM, new PostText("mine")));
            FeedPage page = FEED.page(VIEWER, candidates, world.seen(), follows, NOW, Optional.empty(), candidates.size());
            assertThat(page.items()).noneMatch(post -> post.authorId() == VIEWER);
        });
    }

    @Test
    void pagingReturnsEveryPendingItemExactlyOnceInOrder() {
        Trials.forAll(PendingFeedPropertyTest::world, world -> {
            List<Post> paged = new ArrayList<>();
            Optional<FeedCursor> cursor = Optional.empty();
            int pages = 0;
            do {
                FeedPage page = world.page(cursor, world.limit());
                assertThat(page.items().size()).isLessThanOrEqualTo(world.limit());
                if (page.next().isPresent()) {
                    assertThat(page.items()).as("a page that is not the last is full").hasSize(world.limit());
                }
                paged.addAll(page.items());
                cursor = page.next().map(c -> FeedCursor.decode(c.encode())); // through the client's token
                assertThat(++pages).isLessThanOrEqualTo(world.candidates().size() + 1);
            } while (cursor.isPresent());

            List<Post> expected = world.candidates().stream()
                    .filter(post -> pendingByDefinition(world, post))
                    .distinct()
                    .sorted(Comparator.comparing((Post post) -> post.tier().rank())
                            .thenComparing(Post::createdAt, Comparator.reverseOrder())
                            .thenComparing(Post::id, Comparator.reverseOrder()))
                    .toList();
            assertThat(paged).containsExactlyElementsOf(expected);
        });
    }

    /** PRODUCT.md, read literally: addressed (followed then and now), not own, not seen, within retention. */
    private static boolean pendingByDefinition(World world, Post post) {
        FollowHistory follow = world.follows().get(post.authorId());
        Instant at = post.createdAt();
        boolean followsNow = follow != null && follow.since() != null;
        boolean followedThen = followsNow && (!at.isBefore(follow.since())
                || follow.ended().stream().anyMatch(p -> !at.isBefore(p.from()) && at.isBefore(p.until())));
        long ageMillis = NOW.toEpochMilli() - at.toEpochMilli();
        boolean fresh = switch (post.tier()) {
            case PREMIUM -> true;
            case STANDARD -> ageMillis < Duration.ofDays(7).toMillis();
            case FREE -> ageMillis < Duration.ofHours(24).toMillis();
        };
        return post.authorId() != VIEWER && followedThen && !world.seen().contains(post.id()) && fresh;
    }

    static World world(SplittableRandom random) {
        Map<Long, Post> posts = new LinkedHashMap<>();
        int count = random.nextInt(61);
        for (int i = 0; i < count; i++) {
            Post post = post(random);
            posts.putIfAbsent(post.id(), post);
        }
        List<Post> unique = new ArrayList<>(posts.values());
        List<Post> candidates = new ArrayList<>(unique);
        for (int i = 0, repeats = unique.isEmpty() ? 0 : random.nextInt(unique.size() + 1); i < repeats; i++) {
            candidates.add(unique.get(random.nextInt(unique.size()))); // the same post from both views
        }
        Collections.shuffle(candidates, new Random(random.nextLong()));
        Set<Long> seen = new HashSet<>();
        unique.forEach(post -> {
            if (random.nextInt(4) == 0) {
                seen.add(post.id());
            }
        });
        Map<Long, FollowHistory> follows = new HashMap<>();
        for (long author = 2; author <= 7; author++) {
            long followee = author;
            followHistory(random).ifPresent(history -> follows.put(followee, history));
        }
        return new World(candidates, seen, follows, 1 + random.nextInt(8));
    }

    /** Ages cluster around the retention boundaries and inside one millisecond, where mistakes live. */
    private static Post post(SplittableRandom random) {
        long day = Duration.ofDays(1).toMillis();
        long age = switch (random.nextInt(4)) {
            case 0 -> day + random.nextLong(-2, 3);
            case 1 -> 7 * day + random.nextLong(-2, 3);
            case 2 -> random.nextLong(0, 4);
            default -> random.nextLong(0, 10 * day);
        };
        long author = random.nextLong(1, 8);
        Tier tier = Tier.values()[random.nextInt(Tier.values().length)];
        return Post.create(Ids.lowestAt(NOW.minusMillis(age)) + random.nextInt(4000), author, tier, new PostText("p"));
    }

    /** None, a current follow, one that ended, or a re-follow after an earlier period. */
    private static Optional<FollowHistory> followHistory(SplittableRandom random) {
        List<Instant> moments = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            moments.add(NOW.minusMillis(random.nextLong(0, Duration.ofDays(10).toMillis())));
        }
        Collections.sort(moments);
        FollowHistory first = FollowHistory.following(moments.get(0));
        return switch (random.nextInt(4)) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(first);
            case 2 -> Optional.of(first.unfollowedAt(moments.get(1)));
            default -> Optional.of(new FollowHistory(moments.get(2), first.unfollowedAt(moments.get(1)).ended()));
        };
    }
}

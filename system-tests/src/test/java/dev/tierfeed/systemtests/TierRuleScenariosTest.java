package dev.tierfeed.systemtests;

import static dev.tierfeed.systemtests.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every rule of PRODUCT.md through the HTTP API on the real stack, one scenario each. The test
 * stack runs with short retentions ({@code tierfeed-test.properties}) so posts can be watched
 * expiring.
 */
@ExtendWith(TierfeedStackExtension.class)
class TierRuleScenariosTest {
    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final Duration PROBE_EVERY = Duration.ofMillis(500);

    private TestStack stack;
    private Api api;
    private Duration standardRetention;
    private Duration freeRetention;
    private Duration presenceWindow;

    @BeforeEach
    void connect(TestStack stack) {
        this.stack = stack;
        api = Api.of(stack);
        standardRetention = Duration.parse(stack.settings().passThrough().get("TIERFEED_STANDARD_RETENTION"));
        freeRetention = Duration.parse(stack.settings().passThrough().get("TIERFEED_FREE_RETENTION"));
        presenceWindow = Duration.parse(stack.settings().passThrough().get("TIERFEED_PRESENCE_WINDOW"));
    }

    @Test
    void premiumPostOutlivesTheStandardRetention() {
        String premium = api.createUser("PREMIUM");
        String standard = api.createUser("STANDARD");
        String viewer = api.createUser("FREE");
        api.follow(viewer, premium);
        api.follow(viewer, standard);
        String kept = api.createPost(premium, "premium stays until seen");
        Instant keptAt = createdAt(kept);
        String expiring = api.createPost(standard, "standard expires");
        api.awaitFeedContaining(viewer, DELIVERY, kept, expiring);

        api.awaitFeedLacking(viewer, standardRetention.plus(DELIVERY), expiring); // the standard post expires

        assertThat(Instant.now()).isAfter(keptAt.plus(standardRetention));
        assertThat(api.feedPostIds(viewer, 100)).containsExactly(kept);
    }

    @Test
    void standardPostDisappearsAtItsRetention() {
        String author = api.createUser("STANDARD");
        String viewer = api.createUser("PREMIUM");
        api.follow(viewer, author);
        String post = api.createPost(author, "here for a while");
        Instant expiry = createdAt(post).plus(standardRetention);
        api.awaitFeedContaining(viewer, DELIVERY, post);

        // still there, read after read (at a client's pace), until a moment before its retention ends ...
        Duration untilJustBefore = Duration.between(Instant.now(), expiry.minusMillis(500));
        if (!untilJustBefore.isNegative()) {
            await("the post to stay until just before its retention").during(untilJustBefore).atMost(untilJustBefore.plusSeconds(10))
                    .pollInterval(Api.POLL).until(() -> api.feedPostIds(viewer, 100).contains(post));
        }
        // ... and gone once it has
        api.awaitFeedLacking(viewer, Duration.ofSeconds(10), post);
        assertThat(Instant.now()).isAfterOrEqualTo(expiry);
    }

    @Test
    void freePostReachesOnlyFollowersWatchingWhenItIsPosted() {
        String author = api.createUser("FREE");
        String reader = api.createUser("STANDARD");    // watching: just read the feed
        String beating = api.createUser("STANDARD");   // watching: sent a heartbeat
        String idle = api.createUser("STANDARD");      // never here
        String left = api.createUser("STANDARD");      // here, but longer ago than the presence window
        for (String follower : List.of(reader, beating, idle, left)) {
            api.follow(follower, author);
        }
        api.heartbeat(left);
        awaitNoLongerWatching(left);
        api.feedPostIds(reader, 10);
        api.heartbeat(beating);

        String post = api.createPost(author, "only for those watching");

        api.awaitFeedContaining(reader, DELIVERY, post);
        api.awaitFeedContaining(beating, DELIVERY, post);
        assertThat(api.feedPostIds(idle, 100)).doesNotContain(post);
        assertThat(api.feedPostIds(left, 100)).doesNotContain(post);

        // and a free post, once delivered, leaves at the free retention
        Instant expiry = createdAt(post).plus(freeRetention);
        api.awaitFeedLacking(reader, freeRetention.plus(DELIVERY), post);
        assertThat(Instant.now()).isAfterOrEqualTo(expiry);
    }

    @Test
    void mixedTiersArePremiumThenStandardThenFreeEachNewestFirst() {
        Tiers authors = tiers();
        String viewer = api.createUser("FREE");
        authors.followedBy(viewer);
        api.heartbeat(viewer);
        List<String> posted = postInterleaved(authors);   // F1, S1, P1, F2, S2, P2

        List<String> feed = api.awaitFeedContaining(viewer, DELIVERY, posted.toArray(String[]::new));

        assertThat(feed).containsExactly(posted.get(5), posted.get(2), posted.get(4), posted.get(1), posted.get(3), posted.get(0));
        assertThat(tiersOf(api.get("/v1/users/" + viewer + "/feed").body().path("items")))
                .containsExactly("PREMIUM", "PREMIUM", "STANDARD", "STANDARD", "FREE", "FREE");
    }

    @Test
    void pagingWalksTheWholeFeedWithoutSkipsOrRepeats() {
        Tiers authors = tiers();
        String viewer = api.createUser("FREE");
        authors.followedBy(viewer);
        api.heartbeat(viewer);
        List<String> posted = postInterleaved(authors);
        List<String> whole = api.awaitFeedContaining(viewer, DELIVERY, posted.toArray(String[]::new));

        for (int limit : List.of(1, 2, 4)) {
            List<String> walked = new ArrayList<>();
            String token = null;
            do {
                Api.Reply page = api.get("/v1/users/" + viewer + "/feed?limit=" + limit + (token == null ? "" : "&pageToken=" + token));
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.body().path("items").size()).isLessThanOrEqualTo(limit);
                walked.addAll(Api.postIds(page.body().path("items")));
                token = page.body().path("nextPageToken").isNull() ? null : page.text("nextPageToken");
            } while (token != null);
            assertThat(walked).as("pages of " + limit).containsExactlyElementsOf(whole);
        }
    }

    @Test
    void seenPostsLeaveTheFeedAndNothingElseDoes() {
        String author = api.createUser("PREMIUM");
        String viewer = api.createUser("FREE");
        api.follow(viewer, author);
        String a = api.createPost(author, "a");
        String b = api.createPost(author, "b");
        String c = api.createPost(author, "c");
        api.awaitFeedContaining(viewer, DELIVERY, a, b, c);
        // reading has no side effect: a post returned but not acknowledged comes back
        assertThat(api.feedPostIds(viewer, 100)).containsExactly(c, b, a);
        assertThat(api.feedPostIds(viewer, 100)).containsExactly(c, b, a);

        assertThat(api.post("/v1/users/" + viewer + "/feed/seen", json("postIds", List.of(b))).status()).isEqualTo(204);
        assertThat(api.feedPostIds(viewer, 100)).containsExactly(c, a);
        assertThat(api.post("/v1/users/" + viewer + "/feed/seen", json("postIds", List.of(b, b))).status()).isEqualTo(204);

        // a refused receipt writes nothing, not even its valid ids
        Api.Reply refused = api.post("/v1/users/" + viewer + "/feed/seen", json("postIds", List.of(a, "not-an-id")));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("malformed_id");
        assertThat(api.post("/v1/users/" + viewer + "/feed/seen", json("postIds", List.of())).text("code")).isEqualTo("post_ids_required");
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(Integer.toString(i + 1));
        }
        assertThat(api.post("/v1/users/" + viewer + "/feed/seen", json("postIds", tooMany)).text("code")).isEqualTo("too_many_post_ids");
        assertThat(api.as(viewer).post("/v1/users/42/feed/seen", json("postIds", List.of(a))).status()).isEqualTo(403);
        assertThat(api.feedPostIds(viewer, 100)).containsExactly(c, a);
    }

    @Test
    void unfollowHidesPendingPostsAtOnceAndRefollowDeliversNothingFromTheGap() {
        String author = api.createUser("PREMIUM");
        String viewer = api.createUser("FREE");
        String witness = api.createUser("FREE");
        api.follow(viewer, author);
        api.follow(witness, author);
        String before = api.createPost(author, "while followed");
        api.awaitFeedContaining(viewer, DELIVERY, before);

        assertThat(api.delete("/v1/users/" + viewer + "/following/" + author).status()).isEqualTo(204);
        assertThat(api.feedPostIds(viewer, 100)).as("hidden at once").doesNotContain(before);
        String gap = api.createPost(author, "while not followed");
        api.awaitFeedContaining(witness, DELIVERY, gap);

        api.follow(viewer, author);
        String after = api.createPost(author, "followed again");
        api.awaitFeedContaining(viewer, DELIVERY, after);
        assertThat(api.feedPostIds(viewer, 100)).containsExactly(after, before);
    }

    @Test
    void aTierChangeAppliesToLaterPostsOnly() {
        String author = api.createUser("STANDARD");
        String viewer = api.createUser("FREE");
        api.follow(viewer, author);
        String old = api.createPost(author, "posted as standard");

        Api.Reply changed = api.patch("/v1/users/" + author, json("tier", "PREMIUM"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.text("tier")).isEqualTo("PREMIUM");
        assertThat(api.patch("/v1/users/" + author, json("tier", "GOLD")).status()).isEqualTo(422);
        assertThat(api.patch("/v1/users/42", json("tier", "FREE")).status()).isEqualTo(404);
        assertThat(api.get("/v1/users/" + author).text("tier")).isEqualTo("PREMIUM");
        String later = api.createPost(author, "posted as premium");

        api.awaitFeedContaining(viewer, DELIVERY, old, later);
        JsonNode items = api.get("/v1/users/" + viewer + "/feed").body().path("items");
        assertThat(Api.postIds(items)).containsExactly(later, old);
        assertThat(tiersOf(items)).containsExactly("PREMIUM", "STANDARD");
        assertThat(api.get("/v1/posts/" + old).text("tier")).isEqualTo("STANDARD");
    }

    @Test
    void followListsAndAuthorPostsArePagedNewestFirst() {
        String author = api.createUser("PREMIUM");
        List<String> fans = List.of(api.createUser("FREE"), api.createUser("FREE"), api.createUser("FREE"));
        fans.forEach(fan -> api.follow(fan, author));
        api.follow(fans.get(0), fans.get(1));
        api.delete("/v1/users/" + fans.get(2) + "/following/" + author);

        Api.Reply firstPage = api.get("/v1/users/" + author + "/followers?limit=1");
        Api.Reply secondPage = api.get("/v1/users/" + author + "/followers?limit=1&pageToken=" + firstPage.text("nextPageToken"));
        assertThat(userIds(firstPage)).containsExactly(fans.get(0));
        assertThat(userIds(secondPage)).containsExactly(fans.get(1));
        assertThat(secondPage.body().path("nextPageToken").isNull()).isTrue();
        assertThat(userIds(api.get("/v1/users/" + fans.get(0) + "/following"))).containsExactly(author, fans.get(1));
        assertThat(userIds(api.get("/v1/users/" + fans.get(2) + "/following"))).isEmpty();

        String one = api.createPost(author, "one");
        String two = api.createPost(author, "two");
        await("both posts listed").atMost(DELIVERY).pollInterval(Api.POLL)
                .until(() -> Api.postIdsOfList(api.get("/v1/users/" + author + "/posts").body().path("items")), ids -> ids.size() == 2);
        Api.Reply posts = api.get("/v1/users/" + author + "/posts?limit=1");
        assertThat(Api.postIdsOfList(posts.body().path("items"))).containsExactly(two);
        Api.Reply more = api.get("/v1/users/" + author + "/posts?limit=1&pageToken=" + posts.text("nextPageToken"));
        assertThat(Api.postIdsOfList(more.body().path("items"))).containsExactly(one);
        assertThat(api.get("/v1/users/" + author + "/posts?pageToken=nope").status()).isEqualTo(400);
    }

    @Test
    void whatAViewerHasSeenIsSkippedByLaterReadsAndNeverHidesAPostTheyHaveNot() {
        Duration premiumSpeedTtl = Duration.parse(stack.settings().passThrough().get("TIERFEED_PREMIUM_SPEED_TTL"));
        String author = api.createUser("PREMIUM");
        String ticker = api.createUser("FREE");   // keeps the fan-out reading the log while the test waits
        String viewer = api.createUser("FREE");
        api.follow(viewer, author);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            seen.add(api.createPost(author, "older " + i));
        }
        String unseen = api.createPost(author, "never marked seen");
        for (int i = 0; i < 12; i++) {
            seen.add(api.createPost(author, "newer " + i));
        }
        List<String> all = new ArrayList<>(seen);
        all.add(unseen);
        api.awaitFeedContaining(viewer, DELIVERY, all.toArray(String[]::new));
        assertThat(api.post("/v1/users/" + viewer + "/feed/seen", json("postIds", seen)).status()).isEqualTo(204);
        Instant unseenUntil = createdAt(unseen).plus(premiumSpeedTtl).minusSeconds(5);   // then only a batch view would hold it

        try (CqlSession cql = Cql.open(stack)) {
            // a run is stored once the fan-out has read the log well past the posts (send timeout and clock skew)
            await("a run of seen rows to be stored").atMost(premiumSpeedTtl).pollInterval(Duration.ofMillis(500)).until(() -> {
                api.createPost(ticker, "tick");
                List<String> feed = api.feedPostIds(viewer, 100);
                assertThat(feed).doesNotContainAnyElementsOf(seen);
                if (Instant.now().isBefore(unseenUntil)) {
                    assertThat(feed).contains(unseen);
                }
                return !seenRuns(cql, viewer).isEmpty();
            });
            List<long[]> runs = seenRuns(cql, viewer);
            assertThat(runs).hasSize(1);
            long low = runs.get(0)[0];
            long high = runs.get(0)[1];
            long unseenId = Long.parseLong(unseen);
            assertThat(unseenId < low || unseenId > high).as("the unseen post " + unseenId + " outside the run " + low + ".." + high).isTrue();
            assertThat(seen.stream().mapToLong(Long::parseLong).filter(id -> id >= low && id <= high).count()).isGreaterThanOrEqualTo(10);
        }
        String fresh = api.createPost(author, "made after the run");
        api.awaitFeedContaining(viewer, DELIVERY, fresh);
        if (Instant.now().isBefore(unseenUntil)) {
            assertThat(api.feedPostIds(viewer, 100)).containsExactly(fresh, unseen);
        }
    }

    private static List<long[]> seenRuns(CqlSession cql, String viewer) {
        return cql.execute(SimpleStatement.newInstance("SELECT low, high FROM seen_ranges WHERE viewer_id = ?", Long.parseLong(viewer)))
                .all().stream().map(row -> new long[] {row.getLong("low"), row.getLong("high")}).toList();
    }

    /**
     * Waits until the system itself treats {@code viewer} as gone, not merely until the clock says
     * the presence window has passed: a FREE probe post, made just after a witness's heartbeat,
     * reaches the witness and not the viewer. The viewer's feed is looked at in Cassandra, since
     * reading it through the API would count as presence.
     */
    private void awaitNoLongerWatching(String viewer) {
        String prober = api.createUser("FREE");
        String witness = api.createUser("FREE");
        api.follow(viewer, prober);
        api.follow(witness, prober);
        List<String> probes = new ArrayList<>();
        try (CqlSession cql = Cql.open(stack)) {
            await("a free probe post to pass " + viewer + " by").atMost(presenceWindow.plus(DELIVERY)).pollInterval(PROBE_EVERY)
                    .until(() -> {
                        api.heartbeat(witness);
                        String probe = api.createPost(prober, "probe");
                        api.awaitFeedContaining(witness, DELIVERY, probe);
                        probes.add(probe);
                        // micro-batches run one after another, so the previous probe's batch has
                        // finished writing for every follower; this one's may not have yet
                        return probes.size() > 1 && !inSpeedView(cql, viewer, probes.get(probes.size() - 2));
                    });
        }
    }

    private static boolean inSpeedView(CqlSession cql, String viewer, String post) {
        return cql.execute(SimpleStatement.newInstance("SELECT post_id FROM speed_view WHERE viewer_id = ?", Long.parseLong(viewer)))
                .all().stream().anyMatch(row -> row.getLong("post_id") == Long.parseLong(post));
    }

    /** One author per tier. */
    private record Tiers(String premium, String standard, String free, Api api) {
        void followedBy(String viewer) {
            List.of(premium, standard, free).forEach(author -> api.follow(viewer, author));
        }
    }

    private Tiers tiers() {
        return new Tiers(api.createUser("PREMIUM"), api.createUser("STANDARD"), api.createUser("FREE"), api);
    }

    private List<String> postInterleaved(Tiers authors) {
        List<String> posted = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            posted.add(api.createPost(authors.free(), "free " + round));
            posted.add(api.createPost(authors.standard(), "standard " + round));
            posted.add(api.createPost(authors.premium(), "premium " + round));
        }
        return posted;
    }

    private Instant createdAt(String post) {
        return dev.tierfeed.core.Ids.instantOf(Long.parseLong(post));
    }

    private static List<String> tiersOf(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false).map(item -> item.path("tier").asText()).toList();
    }

    private static List<String> userIds(Api.Reply page) {
        return StreamSupport.stream(page.body().path("items").spliterator(), false)
                .map(item -> item.path("user").path("id").asText()).toList();
    }
}

package dev.tierfeed.serving.stream;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import dev.tierfeed.core.DeliveryPolicy;
import dev.tierfeed.core.EventTopics;
import dev.tierfeed.core.FollowHistory;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PostEventCodec;
import dev.tierfeed.core.UserEvent;
import dev.tierfeed.core.UserEventCodec;
import dev.tierfeed.serving.api.FeedItems;
import dev.tierfeed.serving.api.FeedPageView;
import dev.tierfeed.serving.db.FollowStore;
import dev.tierfeed.serving.db.FollowStore.Followship;
import dev.tierfeed.serving.db.PresenceRecorder;
import dev.tierfeed.serving.db.UserCache;
import dev.tierfeed.serving.errors.ApiException;
import dev.tierfeed.serving.feed.FeedReader;
import io.dropwizard.lifecycle.Managed;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feeds of the viewers connected to this replica ({@code GET /v1/users/{id}/feed/stream}).
 * This replica reads the log itself, every partition from its end, with no consumer group, so every
 * replica sees every post whichever replica took it: a post whose author a connected viewer
 * follows goes to that viewer's connections at once if {@code core}'s {@link DeliveryPolicy}
 * says the fan-out delivers it to them ({@link DeliveryPolicy#reachesLive}: a FREE post only to
 * connections open when it was posted). Follows and unfollows of connected viewers come from the
 * log too, so the index of who follows whom stays current whichever replica took them.
 *
 * <p>A connected viewer is watching: the stream records their presence as a feed read does, so
 * the fan-out also delivers FREE posts to their feed. A connection that asks to resume
 * ({@code Last-Event-ID}, a post id) first gets the pending items after it from the feed.
 */
public final class LiveFeeds implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeeds.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int FOLLOW_PAGE = 1_000;
    private static final int RESUME_ITEMS = 100;
    /** Events that may wait for one client before it is dropped as too slow. */
    private static final int QUEUE = 256;

    private final KafkaConsumer<String, byte[]> consumer;
    private final FollowStore follows;
    private final UserCache users;
    private final FeedReader feeds;
    private final PresenceRecorder presence;
    private final DeliveryPolicy policy;
    private final Clock clock;
    private final int maxConnections;
    private final Duration heartbeat;
    private final ExecutorService writers = Executors.newFixedThreadPool(4, daemon("stream-writer"));
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(daemon("stream-ticks"));
    private final Map<Long, Set<LiveConnection>> connections = new ConcurrentHashMap<>();
    /** Of each connected viewer: the authors they follow, since when. */
    private final Map<Long, Map<Long, Instant>> followed = new ConcurrentHashMap<>();
    /** Of each author: the connected viewers who follow them. */
    private final Map<Long, Set<Long>> followers = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Meter events;
    private final Meter dropped;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Sse sse;
    private volatile boolean running = true;

    public LiveFeeds(String bootstrapServers, FollowStore follows, UserCache users, FeedReader feeds, PresenceRecorder presence,
                     DeliveryPolicy policy, Clock clock, int maxConnections, Duration heartbeat, MetricRegistry metrics) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.follows = follows;
        this.users = users;
        this.feeds = feeds;
        this.presence = presence;
        this.policy = policy;
        this.clock = clock;
        this.maxConnections = maxConnections;
        this.heartbeat = heartbeat;
        this.events = metrics.meter("tierfeed.stream.events");
        this.dropped = metrics.meter("tierfeed.stream.dropped");
        metrics.register("tierfeed.stream.connections", (Gauge<Integer>) open::get);
    }

    /**
     * Opens a viewer's stream on {@code sink}: 503 {@code too_many_streams} past the cap; with
     * {@code resumeAfter} (a post id), the pending items after it first.
     */
    public void open(long viewer, SseEventSink sink, Sse sse, OptionalLong resumeAfter) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            throw new ApiException(Status.SERVICE_UNAVAILABLE, "too_many_streams",
                    "this replica serves " + maxConnections + " streams already; retry later, or read the feed");
        }
        this.sse = sse;
        Instant now = clock.instant();
        LiveConnection[] self = new LiveConnection[1];
        LiveConnection connection = new LiveConnection(viewer, now, sink, writers, QUEUE, () -> close(self[0]), dropped::mark);
        self[0] = connection;
        try {
            index(viewer);
        } catch (RuntimeException e) {
            open.decrementAndGet();
            throw e;
        }
        connections.computeIfAbsent(viewer, v -> ConcurrentHashMap.newKeySet()).add(connection);
        presence.feedRequest(viewer, now);
        connection.offer(sse.newEventBuilder().comment("connected").build());
        resumeAfter.ifPresent(after -> feeds.page(viewer, Optional.empty(), RESUME_ITEMS, now)
                .thenCompose(page -> FeedItems.of(page.items().stream().filter(post -> post.id() > after)
                        .sorted(Comparator.comparingLong(Post::id)).toList(), users))
                .thenAccept(items -> items.forEach(item -> send(connection, item)))
                .exceptionally(e -> {
                    LOG.warn("could not resume the stream of viewer {}", viewer, e);
                    connection.closeLater();
                    return null;
                }));
    }

    /** Loads the viewer's follows into the index, once for all their connections. */
    private synchronized void index(long viewer) {
        if (followed.containsKey(viewer)) {
            return;
        }
        Map<Long, Instant> authors = new ConcurrentHashMap<>();
        long after = -1;
        for (List<Followship> page = follows.following(viewer, after, FOLLOW_PAGE); !page.isEmpty();
             page = page.size() < FOLLOW_PAGE ? List.of() : follows.following(viewer, after, FOLLOW_PAGE)) {
            for (Followship follow : page) {
                authors.put(follow.userId(), follow.since());
                after = follow.userId();
            }
        }
        followed.put(viewer, authors);
        authors.keySet().forEach(author -> followers.computeIfAbsent(author, a -> ConcurrentHashMap.newKeySet()).add(viewer));
    }

    private synchronized void close(LiveConnection connection) {
        open.decrementAndGet();
        long viewer = connection.viewer();
        Set<LiveConnection> left = connections.get(viewer);
        if (left != null) {
            left.remove(connection);
            if (left.isEmpty()) {
                connections.remove(viewer);
                Map<Long, Instant> authors = followed.remove(viewer);
                if (authors != null) {
                    authors.keySet().forEach(author -> forget(author, viewer));
                }
            }
        }
    }

    private void forget(long author, long viewer) {
        Set<Long> viewers = followers.get(author);
        if (viewers != null) {
            viewers.remove(viewer);
            if (viewers.isEmpty()) {
                followers.remove(author, viewers);
            }
        }
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::run, "live-feeds");
        thread.setDaemon(true);
        thread.start();
        long presenceEvery = Math.max(500, policy.rules().presenceWindow().toMillis() / 3);
        ticks.scheduleAtFixedRate(this::recordPresence, presenceEvery, presenceEvery, TimeUnit.MILLISECONDS);
        ticks.scheduleAtFixedRate(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        consumer.wakeup();
        ticks.shutdownNow();
        connections.values().forEach(set -> set.forEach(LiveConnection::closeLater));
        stopped.await(10, TimeUnit.SECONDS);
        writers.shutdown();
        writers.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** A connected viewer is watching: stored as presence, as a feed read is. */
    private void recordPresence() {
        Instant now = clock.instant();
        connections.keySet().forEach(viewer -> presence.feedRequest(viewer, now));
    }

    /** A comment on every connection, so that idle ones stay open through proxies and idle timeouts. */
    private void heartbeat() {
        Sse current = sse;
        if (current != null) {
            OutboundSseEvent comment = current.newEventBuilder().comment("heartbeat").build();
            connections.values().forEach(set -> set.forEach(connection -> connection.offer(comment)));
        }
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(EventTopics.POSTS, EventTopics.EVENTS)) {
                consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    try {
                        if (record.topic().equals(EventTopics.POSTS)) {
                            post(record);
                        } else {
                            event(record);
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("skipping record {}-{} of {} in the live feeds", record.partition(), record.offset(), record.topic(), e);
                    }
                }
            }
        } catch (WakeupException e) {
            // stop() asked
        } catch (RuntimeException e) {
            LOG.error("the live feeds stopped reading the log", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    /** A post: to the connections of the viewers who follow its author (its key), as the policy says. */
    private void post(ConsumerRecord<String, byte[]> record) {
        Set<Long> viewers = record.key() == null ? null : followers.get(Long.parseLong(record.key()));
        if (viewers == null || viewers.isEmpty()) {
            return;
        }
        Post post = PostEventCodec.decode(record.value());
        Instant now = clock.instant();
        Map<LiveConnection, Boolean> reached = new HashMap<>();
        for (long viewer : viewers) {
            Instant since = Optional.ofNullable(followed.get(viewer)).map(authors -> authors.get(post.authorId())).orElse(null);
            FollowHistory follow = since == null ? null : FollowHistory.following(since);
            for (LiveConnection connection : connections.getOrDefault(viewer, Set.of())) {
                if (policy.reachesLive(viewer, post, follow, connection.openedAt(), now)) {
                    reached.put(connection, true);
                }
            }
        }
        if (!reached.isEmpty()) {
            FeedItems.of(List.of(post), users)
                    .thenAccept(items -> reached.keySet().forEach(connection -> send(connection, items.get(0))))
                    .exceptionally(e -> {
                        LOG.warn("could not send post {} to the live feeds", post.id(), e);
                        return null;
                    });
        }
    }

    /** A follow or unfollow of a connected viewer changes the index; every other event is skipped undecoded. */
    private void event(ConsumerRecord<String, byte[]> record) {
        if (UserEvent.isLoginFailureKey(record.key()) || record.key() == null || !connections.containsKey(Long.parseLong(record.key()))) {
            return;
        }
        UserEvent event = UserEventCodec.decode(record.value());
        synchronized (this) {
            Map<Long, Instant> authors = followed.get(event.userId());
            if (authors == null) {
                return;
            }
            if (event.type() == UserEvent.Type.FOLLOW && authors.putIfAbsent(event.targetId(), event.at()) == null) {
                followers.computeIfAbsent(event.targetId(), a -> ConcurrentHashMap.newKeySet()).add(event.userId());
            } else if (event.type() == UserEvent.Type.UNFOLLOW && authors.remove(event.targetId()) != null) {
                forget(event.targetId(), event.userId());
            }
        }
    }

    private void send(LiveConnection connection, FeedPageView.Item item) {
        OutboundSseEvent event = sse.newEventBuilder().id(item.post().id()).name("post")
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(FeedPageView.Item.class, item).build();
        if (connection.offerPost(Long.parseLong(item.post().id()), event)) {
            events.mark();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

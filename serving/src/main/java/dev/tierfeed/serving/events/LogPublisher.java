package dev.tierfeed.serving.events;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.tierfeed.core.EventTopics;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PostEventCodec;
import dev.tierfeed.core.UserEvent;
import dev.tierfeed.core.UserEventCodec;
import dev.tierfeed.serving.TierfeedConfiguration.KafkaSettings;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Appends to the master log: accepted posts to the posts topic ({@link #publish}), every other
 * accepted change to the events topic ({@link #append}). The stage each returns completes only
 * once every in-sync replica has the record ({@code acks=all}, idempotent producer), so a change
 * the API acknowledged is not lost. Changes that serving also writes to Cassandra (users, tiers,
 * follows, seen receipts, presence) are appended first and written after: what the API
 * acknowledged is in the log and the lake; an attempt that failed after its append may be in
 * the log too (the client was told it failed; every such write is idempotent, so its retry
 * converges).
 */
public final class LogPublisher implements Managed {
    private static final Duration LINGER = Duration.ofMillis(1);
    private static final int BATCH_BYTES = 64 * 1024;

    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;
    private final Timer postSends;
    private final Timer eventSends;
    private final Executor answers;

    private LogPublisher(KafkaProducer<String, byte[]> producer, Admin admin, Timer postSends, Timer eventSends, Executor answers) {
        this.producer = producer;
        this.admin = admin;
        this.postSends = postSends;
        this.eventSends = eventSends;
        this.answers = answers;
    }

    /**
     * A publisher that times every send, until Kafka's acknowledgement: a post's as
     * {@code tierfeed.kafka.send}, any other event's as {@code tierfeed.kafka.event_send}.
     * What follows an acknowledgement (writing the HTTP answer) runs on {@code answers}: Kafka calls
     * back on its one network thread, which must not be spent writing every answer.
     */
    public static LogPublisher create(KafkaSettings settings, MetricRegistry metrics, Executor answers) {
        int timeoutMs = (int) settings.sendTimeout.toMillis();
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // a millisecond of lingering lets concurrent posts share one request and one flush
                // on the broker (measured: 17,000 acknowledged posts/s at 64 in flight against 8,300
                // with 5 ms, which only adds waiting, and 9,900 with none)
                ProducerConfig.LINGER_MS_CONFIG, LINGER.toMillis(),
                ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeoutMs - 1000),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs),
                new StringSerializer(), new ByteArraySerializer());
        Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
        return new LogPublisher(producer, admin, metrics.timer("tierfeed.kafka.send"), metrics.timer("tierfeed.kafka.event_send"), answers);
    }

    /**
     * Appends the post to the log, keyed by author so an author's posts stay in order. The stage
     * completes once every in-sync replica has it, or fails with {@link LogUnavailableException}
     * when Kafka did not acknowledge it within the send timeout. The caller's thread does not wait
     * for the broker; it waits only when the producer's buffer is full (Kafka far behind), up to
     * the send timeout.
     */
    public CompletionStage<Void> publish(Post post) {
        return send(new ProducerRecord<>(EventTopics.POSTS, Long.toString(post.authorId()), PostEventCodec.encode(post)), postSends);
    }

    /**
     * Appends the events to the events topic, each keyed by its user so a user's changes stay in
     * order ({@link UserEvent#logKey}); the stage completes once all are acknowledged, or fails with
     * {@link LogUnavailableException} (then some may be in the log: see the class comment).
     */
    public CompletableFuture<Void> append(List<UserEvent> events) {
        return CompletableFuture.allOf(events.stream()
                .map(event -> send(new ProducerRecord<>(EventTopics.EVENTS, event.logKey(), UserEventCodec.encode(event)), eventSends))
                .toArray(CompletableFuture[]::new));
    }

    /** {@link #append}, waiting for the acknowledgement: for the API's synchronous writes, before they touch Cassandra. */
    public void appendNow(List<UserEvent> events) {
        try {
            append(events).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof LogUnavailableException unavailable ? unavailable : e;
        }
    }

    private CompletableFuture<Void> send(ProducerRecord<String, byte[]> record, Timer sends) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Timer.Context sending = sends.time();
        try {
            producer.send(record, (metadata, error) -> {
                sending.stop();
                if (error == null) {
                    answers.execute(() -> acknowledged.complete(null));
                } else {
                    answers.execute(() -> acknowledged.completeExceptionally(new LogUnavailableException(error)));
                }
            });
        } catch (org.apache.kafka.common.KafkaException e) {
            acknowledged.completeExceptionally(new LogUnavailableException(e));
        }
        return acknowledged;
    }

    /** The number of brokers that answer now; throws if none does within the timeout. */
    public int liveBrokers(Duration timeout) throws Exception {
        return admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
    }

    /** The end of each partition of the posts topic: the offset the next post will get. */
    public Map<Integer, Long> endOffsets(Duration timeout) throws Exception {
        long deadline = timeout.toMillis();
        var partitions = admin.describeTopics(List.of(EventTopics.POSTS)).allTopicNames().get(deadline, TimeUnit.MILLISECONDS)
                .get(EventTopics.POSTS).partitions();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(new TopicPartition(EventTopics.POSTS, partition.partition()), OffsetSpec.latest()));
        Map<Integer, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(deadline, TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
        return ends;
    }

    @Override
    public void stop() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }

    /** Kafka did not acknowledge a change: the client may retry. */
    public static final class LogUnavailableException extends RuntimeException {
        public LogUnavailableException(Throwable cause) {
            super("the log (Kafka) did not acknowledge the change in time", cause);
        }
    }
}

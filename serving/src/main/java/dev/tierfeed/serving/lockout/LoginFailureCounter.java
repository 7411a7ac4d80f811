package dev.tierfeed.serving.lockout;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import dev.tierfeed.core.EventTopics;
import dev.tierfeed.core.Lockout;
import dev.tierfeed.core.UserEvent;
import dev.tierfeed.core.UserEventCodec;
import dev.tierfeed.serving.db.LockoutStore;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed log-ins from the log and sets locks (core's {@link Lockout}): a consumer of the
 * events topic in the group {@value #GROUP}, one in every serving replica. The failures of one
 * handle share a partition (they are keyed by it), so exactly one replica counts a handle at a
 * time, and the lock it writes to Cassandra is what every replica checks at log-in: a lockout holds
 * across replicas. Records of other events are skipped by their key, undecoded.
 *
 * <p>Offsets are committed after the records before them are counted (at least once); counting a
 * record again records the same row and sets no second lock. A partition the group has never
 * committed starts a lockout window back in time, not at the start of the log.
 */
public final class LoginFailureCounter implements Managed {
    public static final String GROUP = "tierfeed-lockout";
    private static final Logger LOG = LoggerFactory.getLogger(LoginFailureCounter.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final KafkaConsumer<String, byte[]> consumer;
    private final LockoutStore store;
    private final Lockout rule;
    private final Clock clock;
    private final Meter failures;
    private final Meter locks;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private Thread thread;

    public LoginFailureCounter(String bootstrapServers, LockoutStore store, Lockout rule, Clock clock, MetricRegistry metrics) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.store = store;
        this.rule = rule;
        this.clock = clock;
        this.failures = metrics.meter("tierfeed.lockout.failed_logins");
        this.locks = metrics.meter("tierfeed.lockout.locks");
    }

    @Override
    public void start() {
        thread = new Thread(this::run, "login-failure-counter");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        consumer.wakeup();
        if (!stopped.await(10, TimeUnit.SECONDS)) {
            LOG.warn("the login-failure counter did not stop within 10 s");
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(EventTopics.EVENTS), new StartWithinTheWindow());
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        if (UserEvent.isLoginFailureKey(record.key())) {
                            count(record);
                        }
                    }
                    consumer.commitSync();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Cassandra or Kafka did not answer: count the uncommitted records again, a moment later
                    LOG.warn("could not count failed log-ins; retrying from the last committed offsets", e);
                    rewind();
                    TimeUnit.MILLISECONDS.sleep(RETRY.toMillis());
                }
            }
        } catch (WakeupException e) {
            // stop() asked
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void count(ConsumerRecord<String, byte[]> record) {
        UserEvent event;
        try {
            event = UserEventCodec.decode(record.value());
        } catch (IllegalArgumentException e) {
            LOG.warn("skipping an undecodable record at {}-{} of {}", record.partition(), record.offset(), record.topic(), e);
            return;
        }
        if (event.type() != UserEvent.Type.LOGIN_FAILED) {
            return;
        }
        String handle = event.handle();
        store.recordFailure(handle, event.at(), record.partition() + "-" + record.offset(), rule.failureRetention());
        failures.mark();
        Optional<Lockout.Lock> latest = store.latestLock(handle);
        List<Instant> recent = store.failuresAfter(handle, event.at().minus(rule.window()));
        rule.afterFailure(event.at(), recent, latest).ifPresent(lock -> {
            store.lock(handle, lock, rule.lockRetention());
            locks.mark();
            LOG.info("locked handle {} until {} after {} failed log-ins", handle, lock.until(), rule.attempts());
        });
    }

    private void rewind() {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset.offset());
            } else {
                seekToWindowStart(List.of(partition));
            }
        }
    }

    private void seekToWindowStart(Collection<TopicPartition> partitions) {
        long windowStart = clock.instant().minus(rule.window()).toEpochMilli();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, windowStart));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset.offset());
            } else {
                consumer.seekToEnd(List.of(partition));
            }
        }
    }

    /** Partitions the group has never committed start a lockout window back, so no recent failure is missed. */
    private final class StartWithinTheWindow implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            List<TopicPartition> fresh = partitions.stream().filter(partition -> committed.get(partition) == null).toList();
            if (!fresh.isEmpty()) {
                seekToWindowStart(fresh);
            }
        }
    }
}

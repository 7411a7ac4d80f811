package dev.tierfeed.serving.events;

import dev.tierfeed.core.EventTopics;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.PostEventCodec;
import dev.tierfeed.serving.TierfeedConfiguration.KafkaSettings;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes accepted posts to the posts topic, the master log. {@link #publish} returns only
 * once every in-sync replica has the record ({@code acks=all}, idempotent producer), so a post
 * the API acknowledged is not lost.
 */
public final class PostPublisher implements Managed {
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;
    private final Duration sendTimeout;

    private PostPublisher(KafkaProducer<String, byte[]> producer, Admin admin, Duration sendTimeout) {
        this.producer = producer;
        this.admin = admin;
        this.sendTimeout = sendTimeout;
    }

    public static PostPublisher create(KafkaSettings settings) {
        int timeoutMs = (int) settings.sendTimeout.toMillis();
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeoutMs - 1000),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs),
                new StringSerializer(), new ByteArraySerializer());
        Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
        return new PostPublisher(producer, admin, settings.sendTimeout);
    }

    /**
     * Appends the post to the log, keyed by author so an author's posts stay in order, and
     * waits for the acknowledgement.
     *
     * @throws LogUnavailableException when Kafka did not acknowledge in time
     */
    public void publish(Post post) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(EventTopics.POSTS, Long.toString(post.authorId()), PostEventCodec.encode(post));
        try {
            producer.send(record).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogUnavailableException(e);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new LogUnavailableException(e);
        }
    }

    /** The number of brokers that answer now; throws if none does within the timeout. */
    public int liveBrokers(Duration timeout) throws Exception {
        return admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
    }

    @Override
    public void stop() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }

    /** Kafka did not acknowledge a post: the client may retry. */
    public static final class LogUnavailableException extends RuntimeException {
        public LogUnavailableException(Throwable cause) {
            super("the post log (Kafka) did not acknowledge the post in time", cause);
        }
    }
}

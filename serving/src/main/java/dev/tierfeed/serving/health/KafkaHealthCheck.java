package dev.tierfeed.serving.health;

import com.codahale.metrics.health.HealthCheck;
import dev.tierfeed.serving.events.LogPublisher;
import java.time.Duration;

/** Healthy when at least one Kafka broker answers. */
public final class KafkaHealthCheck extends HealthCheck {
    private final LogPublisher publisher;

    public KafkaHealthCheck(LogPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    protected Result check() throws Exception {
        int brokers = publisher.liveBrokers(Duration.ofSeconds(3));
        return brokers > 0 ? Result.healthy(brokers + " broker(s)") : Result.unhealthy("no Kafka broker answers");
    }
}

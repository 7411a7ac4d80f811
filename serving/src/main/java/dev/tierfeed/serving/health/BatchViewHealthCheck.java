package dev.tierfeed.serving.health;

import com.codahale.metrics.health.HealthCheck;
import dev.tierfeed.serving.db.BatchViewStore;
import dev.tierfeed.serving.db.BatchViewStore.Generation;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Readiness of the batch view: unhealthy when the newest generation covers a cutoff older than
 * {@code maxAge} (TIERFEED_BATCH_MAX_AGE), because premium posts older than the speed view's TTL
 * then have nowhere to come from. Before the first batch run the speed view still holds every
 * premium post, so no generation yet is healthy.
 */
public final class BatchViewHealthCheck extends HealthCheck {
    private final BatchViewStore batchView;
    private final Clock clock;
    private final Duration maxAge;

    public BatchViewHealthCheck(BatchViewStore batchView, Clock clock, Duration maxAge) {
        this.batchView = batchView;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    @Override
    protected Result check() {
        Optional<Generation> generation = batchView.readPointer();
        if (generation.isEmpty()) {
            return Result.healthy("no batch generation yet: premium posts come from the speed view");
        }
        Duration age = Duration.between(generation.get().cutoff(), clock.instant());
        String what = "generation " + generation.get().number() + " covers up to " + generation.get().cutoff();
        return age.compareTo(maxAge) <= 0
                ? Result.healthy(what)
                : Result.unhealthy(what + ", older than " + maxAge + " (TIERFEED_BATCH_MAX_AGE): the nightly batch has not run");
    }
}

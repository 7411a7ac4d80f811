package dev.tierfeed.serving.health;

import com.codahale.metrics.health.HealthCheck;
import dev.tierfeed.serving.objects.ObjectStore;
import java.util.List;

/** Healthy while the S3 store answers and holds every bucket tierfeed uses. */
public final class ObjectStoreHealthCheck extends HealthCheck {
    private final ObjectStore store;

    public ObjectStoreHealthCheck(ObjectStore store) {
        this.store = store;
    }

    @Override
    protected Result check() {
        List<String> missing = store.buckets().stream().filter(bucket -> !store.exists(bucket)).toList();
        return missing.isEmpty() ? Result.healthy("buckets " + String.join(", ", store.buckets()))
                : Result.unhealthy("missing buckets: " + String.join(", ", missing) + " (run migrate)");
    }
}

package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cluster mode: one of the two service replicas is killed (kill -9) under load through the
 * balancer. The other keeps serving; a client sees at most the requests that were in flight on the
 * dead replica fail (one per load thread), and no acknowledged post is lost.
 */
@ExtendWith(TierfeedStackExtension.class)
class ClusterServingReplicaFailureTest {
    private static final int LOAD_THREADS = 4;

    @Test
    void theOtherReplicaServesAndOnlyRequestsInFlightFail(TestStack stack) {
        Api api = Api.of(stack);
        ClusterWorld world = ClusterWorld.create(api, 3, 3);
        ClusterLoad load = world.killUnderLoad(stack, api, "serving-2");
        assertThat(load.failures()).as("requests that failed: at most those in flight on the killed replica").hasSizeLessThanOrEqualTo(LOAD_THREADS);
        ClusterReconciliation.reconcile("serving-2 killed", stack, api, load, world.authors(), world.viewers());
    }
}

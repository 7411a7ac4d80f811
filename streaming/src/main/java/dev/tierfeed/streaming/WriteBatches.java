package dev.tierfeed.streaming;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Packs writes into unlogged batches the way that costs Cassandra least: the writes of one
 * partition together (Cassandra applies them as one mutation), partitions that live on the same
 * replicas together (the batch goes to a node that owns all of it, which the driver's token-aware
 * routing picks), at most {@code maxWrites} a batch. One request per batch instead of per row
 * saves the per-request work that dominates small writes. The Spark Cassandra Connector groups
 * its writes the same way ({@code spark.cassandra.output.batch.grouping.key=replica_set}).
 */
final class WriteBatches {
    private WriteBatches() {
    }

    static <W> List<List<W>> pack(List<W> writes, Function<W, ?> partitionOf, Function<W, ?> replicasOf, int maxWrites) {
        if (maxWrites < 1) {
            throw new IllegalArgumentException("a batch holds at least one write, was " + maxWrites);
        }
        Map<Object, Map<Object, List<W>>> byReplicas = new LinkedHashMap<>();
        for (W write : writes) {
            byReplicas.computeIfAbsent(replicasOf.apply(write), replicas -> new LinkedHashMap<>())
                    .computeIfAbsent(partitionOf.apply(write), partition -> new ArrayList<>()).add(write);
        }
        List<List<W>> batches = new ArrayList<>();
        for (Map<Object, List<W>> partitions : byReplicas.values()) {
            List<W> batch = new ArrayList<>(maxWrites);
            for (List<W> partition : partitions.values()) {
                if (!batch.isEmpty() && batch.size() + partition.size() > maxWrites) {
                    batches.add(batch); // keep a partition in one batch where it fits
                    batch = new ArrayList<>(maxWrites);
                }
                for (W write : partition) {
                    if (batch.size() == maxWrites) {
                        batches.add(batch);
                        batch = new ArrayList<>(maxWrites);
                    }
                    batch.add(write);
                }
            }
            if (!batch.isEmpty()) {
                batches.add(batch);
            }
        }
        return batches;
    }
}

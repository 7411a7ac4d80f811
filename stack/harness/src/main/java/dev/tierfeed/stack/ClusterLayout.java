package dev.tierfeed.stack;

import java.util.List;

/**
 * The cluster mode's topology on one machine ({@code bin/tierfeed up --cluster}): three Cassandra
 * nodes and three Kafka brokers, each on its own loopback address ({@link #NODES}, every one with
 * the stack's ports), a Spark standalone master with {@link #SPARK_WORKERS} workers, and
 * {@link #REPLICAS} service replicas (on 127.0.0.2 and 127.0.0.3) behind a balancer that listens
 * where the embedded stack's service does.
 *
 * @param enabled        whether the stack runs in cluster mode; {@link #NONE} for the embedded stack
 * @param sparkMasterPort the standalone master's port (TIERFEED_SPARK_MASTER_PORT)
 * @param sparkWebPort   the master's web UI, also how the stack sees its workers (TIERFEED_SPARK_WEB_PORT)
 * @param executorHeap   the heap of each Spark executor (TIERFEED_SPARK_EXECUTOR_HEAP)
 */
public record ClusterLayout(boolean enabled, int sparkMasterPort, int sparkWebPort, String executorHeap) {
    /** Linux routes all of 127.0.0.0/8 to the loopback interface, so each node can have an address of its own. */
    public static final List<String> NODES = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");
    public static final int SPARK_WORKERS = 2;
    /** Replicas of a message that must have it before Kafka acknowledges it (of three). */
    public static final int MIN_IN_SYNC_REPLICAS = 2;
    /** How long a Kafka broker may miss heartbeats before the controllers fence it (KafkaPart). */
    public static final int BROKER_SESSION_TIMEOUT_MS = 3000;
    public static final int REPLICAS = 2;
    /** Cores the streaming job and the batch may each take of the cluster's. */
    public static final int APP_CORES = 2;
    /**
     * Cores each worker offers; more than the machine has, so that the streaming job and a batch both
     * get executors, and so that when one worker is lost the other can hold all of the streaming job's
     * executors and still one of the batch's (with two, a batch whose executors were both on the lost
     * worker waited for cores for ever).
     */
    public static final int WORKER_CORES = APP_CORES + 1;

    public static final ClusterLayout NONE = new ClusterLayout(false, 0, 0, "0");

    /** The address of Spark worker {@code n} (1 or 2): a node of its own, beside the master on the first. */
    static String sparkWorkerAddress(int n) {
        return NODES.get(n);
    }

    /** The part name of the Spark worker at {@code address} (as the master lists its workers' hosts). */
    public static String sparkWorkerAt(String address) {
        int n = NODES.indexOf(address);
        if (n < 1 || n > SPARK_WORKERS) {
            throw new IllegalArgumentException("no Spark worker of the cluster mode at " + address);
        }
        return "spark-worker-" + n;
    }

    /** The address of service replica {@code n} (1 or 2): a node of its own, as if on another machine. */
    static String replicaAddress(int n) {
        return NODES.get(n);
    }
}

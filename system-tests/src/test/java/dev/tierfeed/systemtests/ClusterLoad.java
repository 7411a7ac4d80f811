package dev.tierfeed.systemtests;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load on the cluster while a part of it is killed: threads posting for the authors in turn and
 * threads reading the viewers' feeds, through the balancer, each answer recorded. A post counts as
 * acknowledged only when the API answered 202 with its id; anything else (another status, no answer)
 * is a failure, with what it was.
 */
final class ClusterLoad implements AutoCloseable {
    /** Each thread waits this long between its requests, so that the load is steady rather than saturating. */
    private static final Duration PACE = Duration.ofMillis(25);

    private final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong reads = new AtomicLong();
    private final ExecutorService threads;
    private volatile boolean running = true;

    private ClusterLoad(int threadCount) {
        this.threads = Executors.newFixedThreadPool(threadCount);
    }

    /** Starts {@code posters} threads posting for {@code authors} and {@code readers} threads reading the {@code viewers}' feeds. */
    static ClusterLoad start(Api api, List<String> authors, List<String> viewers, int posters, int readers) {
        ClusterLoad load = new ClusterLoad(posters + readers);
        for (int t = 0; t < posters; t++) {
            int thread = t;
            load.threads.execute(() -> load.post(api, authors, thread));
        }
        for (int t = 0; t < readers; t++) {
            int thread = t;
            load.threads.execute(() -> load.read(api, viewers, thread));
        }
        return load;
    }

    private void post(Api api, List<String> authors, int thread) {
        for (long n = thread; running; n++) {
            String author = authors.get((int) (n % authors.size()));
            try {
                Api.Reply reply = api.post("/v1/posts", Api.json("authorId", author, "text", "under load " + n));
                if (reply.status() == 202) {
                    acknowledged.add(reply.text("id"));
                } else {
                    failures.add("POST /v1/posts: " + reply.status() + " " + reply.raw().body());
                }
            } catch (RuntimeException e) {
                failures.add("POST /v1/posts: " + e);
            }
            LockSupport.parkNanos(PACE.toNanos());
        }
    }

    private void read(Api api, List<String> viewers, int thread) {
        for (long n = thread; running; n++) {
            String viewer = viewers.get((int) (n % viewers.size()));
            try {
                Api.Reply reply = api.get("/v1/users/" + viewer + "/feed?limit=20");
                if (reply.status() == 200) {
                    reads.incrementAndGet();
                } else {
                    failures.add("GET feed: " + reply.status() + " " + reply.raw().body());
                }
            } catch (RuntimeException e) {
                failures.add("GET feed: " + e);
            }
            LockSupport.parkNanos(PACE.toNanos());
        }
    }

    /** Waits until {@code more} posts beyond those acknowledged now are acknowledged, and feeds read as many times. */
    void awaitProgress(int more, Duration deadline) {
        long posts = acknowledged.size() + (long) more;
        long feeds = reads.get() + more;
        await(more + " more acknowledged posts and feed reads").atMost(deadline).pollInterval(Duration.ofMillis(200))
                .until(() -> acknowledged.size() >= posts && reads.get() >= feeds);
    }

    List<String> acknowledged() {
        return new ArrayList<>(acknowledged);
    }

    List<String> failures() {
        return new ArrayList<>(failures);
    }

    long reads() {
        return reads.get();
    }

    /** Stops the load and waits for the requests in flight to be answered. */
    @Override
    public void close() {
        running = false;
        threads.shutdown();
        try {
            if (!threads.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the load's requests did not finish within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

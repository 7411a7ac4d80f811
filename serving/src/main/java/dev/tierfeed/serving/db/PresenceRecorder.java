package dev.tierfeed.serving.db;

import dev.tierfeed.core.PresenceCoalescing;
import dev.tierfeed.core.PresenceCoalescing.Presence;
import dev.tierfeed.core.UserEvent;
import dev.tierfeed.serving.events.LogPublisher;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the presence that feed requests imply, as {@code core}'s {@link PresenceCoalescing}
 * decides: the first request of each interval at once, the last when the interval is over (a
 * flusher looks four times an interval), so "watching" stays exact while a viewer reading many
 * times a second costs two writes an interval, not one a read. Heartbeats are stored one by one
 * ({@link PresenceStore#record}): the client was told they were.
 */
public final class PresenceRecorder implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceRecorder.class);

    private final PresenceStore store;
    private final LogPublisher log;
    private final PresenceCoalescing coalescing;
    private final Duration interval;
    private final Clock clock;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "presence-flusher");
        thread.setDaemon(true);
        return thread;
    });

    public PresenceRecorder(PresenceStore store, LogPublisher log, PresenceCoalescing coalescing, Duration interval, Clock clock) {
        this.store = store;
        this.log = log;
        this.coalescing = coalescing;
        this.interval = interval;
        this.clock = clock;
    }

    /** A feed request of the viewer at {@code at}; the stage completes once what it must store is stored. */
    public CompletableFuture<Void> feedRequest(long viewer, Instant at) {
        List<Presence> now;
        synchronized (coalescing) {
            now = coalescing.request(viewer, at);
        }
        return store(now);
    }

    @Override
    public void start() {
        long every = Math.max(1, interval.toMillis() / 4);
        flusher.scheduleAtFixedRate(() -> flush(clock.instant()), every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        flusher.shutdownNow();
        flush(clock.instant().plus(interval)).join();
    }

    private CompletableFuture<Void> flush(Instant now) {
        List<Presence> due;
        synchronized (coalescing) {
            due = coalescing.closeBefore(now);
        }
        return store(due).exceptionally(error -> {
            LOG.warn("could not store {} presences: {}", due.size(), error.toString());
            return null;
        });
    }

    /** Appends the presences to the log, then stores them (the order every change takes: {@link LogPublisher}). */
    private CompletableFuture<Void> store(List<Presence> presences) {
        if (presences.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return log.append(presences.stream().map(p -> UserEvent.presence(p.viewerId(), p.at())).toList())
                .thenCompose(logged -> CompletableFuture.allOf(presences.stream()
                        .map(p -> store.recordAsync(p.viewerId(), p.at())).toArray(CompletableFuture[]::new)));
    }
}

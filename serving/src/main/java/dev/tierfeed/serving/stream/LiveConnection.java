package dev.tierfeed.serving.stream;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One viewer's open stream: events wait in a bounded queue and are written by one task at a time on
 * a shared pool, so neither the log consumer nor another viewer ever waits on this client's socket.
 * A client that lets {@code capacity} events pile up is too slow: its connection is closed (it
 * resumes with {@code Last-Event-ID}, or reads the feed, which holds everything pending).
 */
final class LiveConnection {
    private static final Logger LOG = LoggerFactory.getLogger(LiveConnection.class);
    /** How many post ids a connection remembers having sent, so a catch-up and the live path never send one twice. */
    private static final int REMEMBERED = 1_000;

    private final long viewer;
    private final Instant openedAt;
    private final SseEventSink sink;
    private final Executor writers;
    private final int capacity;
    private final Runnable onClose;
    private final Runnable onSlow;
    private final Queue<OutboundSseEvent> queue = new ArrayDeque<>();
    private final Set<Long> sent = new LinkedHashSet<>();
    private boolean writing;
    private boolean closed;

    LiveConnection(long viewer, Instant openedAt, SseEventSink sink, Executor writers, int capacity, Runnable onClose, Runnable onSlow) {
        this.onSlow = onSlow;
        this.viewer = viewer;
        this.openedAt = openedAt;
        this.sink = sink;
        this.writers = writers;
        this.capacity = capacity;
        this.onClose = onClose;
    }

    long viewer() {
        return viewer;
    }

    Instant openedAt() {
        return openedAt;
    }

    /** Queues a post's event unless this connection has sent that post already; false when it is closed or too slow (then closed). */
    synchronized boolean offerPost(long postId, OutboundSseEvent event) {
        if (closed || sent.contains(postId)) {
            return !closed;
        }
        sent.add(postId);
        if (sent.size() > REMEMBERED) {
            sent.remove(sent.iterator().next());
        }
        return offer(event);
    }

    /** Queues an event (a heartbeat comment, say); false when the connection is closed or too slow (then closed). */
    synchronized boolean offer(OutboundSseEvent event) {
        if (closed || sink.isClosed()) {
            closeLater();
            return false;
        }
        if (queue.size() >= capacity) {
            LOG.info("closing the stream of viewer {}: {} events waiting for a slow client", viewer, queue.size());
            onSlow.run();
            closeLater();
            return false;
        }
        queue.add(event);
        if (!writing) {
            writing = true;
            writers.execute(this::drain);
        }
        return true;
    }

    private void drain() {
        while (true) {
            OutboundSseEvent next;
            synchronized (this) {
                next = queue.poll();
                if (next == null || closed) {
                    writing = false;
                    return;
                }
            }
            try {
                sink.send(next).toCompletableFuture().join();
            } catch (RuntimeException e) { // the client went away, or the event could not be written
                LOG.debug("closing the stream of viewer {} after a failed write", viewer, e);
                synchronized (this) {
                    writing = false;
                    closeLater();
                }
                return;
            }
        }
    }

    /** Closes the connection (on a writer thread: closing may write to the socket). */
    synchronized void closeLater() {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        writers.execute(() -> {
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the stream of viewer {}", viewer, e);
            }
            onClose.run();
        });
    }
}

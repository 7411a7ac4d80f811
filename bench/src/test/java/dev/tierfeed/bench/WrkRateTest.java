package dev.tierfeed.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** wrk at a fixed rate (the benchmarks' {@code --rate}) against a small local server: the schedule and its timing. */
class WrkRateTest {
    static {
        // the JDK's server otherwise waits for delayed ACKs (Nagle): 40 ms an answer
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final String SCRIPT = """
            request = function()
              return wrk.format("GET", "/answer")
            end
            """;

    private HttpServer server;
    private final AtomicLong answered = new AtomicLong();
    private volatile long stallMillis;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.createContext("/answer", exchange -> {
            try {
                if (stallMillis > 0) {
                    Thread.sleep(stallMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            answered.incrementAndGet();
        });
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/answer";
    }

    @Test
    void a_server_that_keeps_up_gets_the_rate_asked_for_and_quick_answers() throws Exception {
        Wrk.Rated rated = Wrk.runAtRate(url(), 4, Duration.ofSeconds(3), SCRIPT, 200);

        // 600 requests due in 3 s; the first of each connection is due at once, the last may still be in flight
        assertThat(rated.scheduled().requests()).isBetween(560L, 610L);
        assertThat(rated.scheduled().requestsPerSecond()).isBetween(186.0, 204.0);
        assertThat(answered.get()).isGreaterThanOrEqualTo(rated.scheduled().requests());
        assertThat(rated.scheduled().errors()).isZero();
        assertThat(rated.scheduled().p50Millis()).isLessThan(10.0);
    }

    @Test
    void a_server_slower_than_the_schedule_is_timed_from_when_requests_were_due_not_from_when_they_could_be_sent() throws Exception {
        stallMillis = 50;
        // 2 connections, one request due every 20 ms on each, each answer taking 50 ms: the schedule runs away
        Wrk.Rated rated = Wrk.runAtRate(url(), 2, Duration.ofSeconds(3), SCRIPT, 100);

        assertThat(rated.sent().p99Millis()).isBetween(45.0, 150.0);
        // after 3 s the last answers were due about 1.8 s earlier (120 sent of the 300 due)
        assertThat(rated.scheduled().requests()).isBetween(100L, 125L);
        assertThat(rated.scheduled().p99Millis()).isGreaterThan(1_000.0);
        assertThat(rated.maxMillis()).isGreaterThan(rated.scheduled().p99Millis() - 1);
    }
}

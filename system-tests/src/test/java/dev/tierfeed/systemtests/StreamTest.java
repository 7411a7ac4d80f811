package dev.tierfeed.systemtests;

import static dev.tierfeed.systemtests.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tierfeed.stack.Stack;
import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live feed on the real stack: a viewer connected only through the stream (no feed reads, no
 * heartbeats) gets FREE and PREMIUM posts as events within seconds, also when its stream is on
 * another replica than the one that took the post; a follow made while connected takes effect; a
 * reconnection with {@code Last-Event-ID} gets what it missed first; nobody streams another's feed.
 */
@ExtendWith(TierfeedStackExtension.class)
class StreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration LIVE = Duration.ofSeconds(10);

    @Test
    void aViewerConnectedOnlyByTheStreamGetsFreeAndPremiumPostsLiveOnAnyReplicaAndResumesWhatItMissed(TestStack stack)
            throws Exception {
        Api api = Api.of(stack);
        String free = api.createUser("FREE");
        String premium = api.createUser("PREMIUM");
        String later = api.createUser("STANDARD");
        String viewer = api.createUser("FREE");
        api.follow(viewer, free);
        api.follow(viewer, premium);

        try (Stack.ServingReplica replica = stack.startServingReplica(2);
             Events events = Events.open("http://127.0.0.1:" + replica.apiPort(), viewer, api.tokenOf(viewer), null)) {
            String freePost = api.createPost(free, "free, live");
            Event first = events.next(LIVE);
            assertThat(first.id()).isEqualTo(freePost);
            assertThat(first.name()).isEqualTo("post");
            assertThat(first.data().path("tier").asText()).isEqualTo("FREE");
            assertThat(first.data().path("post").path("text").asText()).isEqualTo("free, live");
            assertThat(first.data().path("post").path("author").path("id").asText()).isEqualTo(free);
            // the stream counts as watching: the fan-out delivered the FREE post to the feed as well
            api.awaitFeedContaining(viewer, LIVE, freePost);

            String premiumPost = api.createPost(premium, "premium, live");
            assertThat(events.next(LIVE).id()).isEqualTo(premiumPost);

            api.follow(viewer, later); // through the stack's replica; the stream's replica learns it from the log
            String laterPost = api.createPost(later, "followed while connected");
            assertThat(events.next(LIVE).id()).isEqualTo(laterPost);
        }

        // while disconnected: a premium post waits in the feed; resuming after the last event delivers it first
        String missed = api.createPost(premium, "missed while away");
        api.awaitFeedContaining(viewer, LIVE, missed);
        String lastSeenEvent = api.feedPostIds(viewer, 100).stream().filter(id -> !id.equals(missed)).max(String::compareTo).orElseThrow();
        try (Events resumed = Events.open(stack.apiUri(), viewer, api.tokenOf(viewer), lastSeenEvent)) {
            assertThat(resumed.next(LIVE).id()).isEqualTo(missed);
        }
    }

    @Test
    void nobodyStreamsAnothersFeed(TestStack stack) throws Exception {
        Api api = Api.of(stack);
        String owner = api.createUser("FREE");
        String other = api.createUser("FREE");
        assertThat(status(stack.apiUri(), owner, api.tokenOf(other))).isEqualTo(403);
        assertThat(status(stack.apiUri(), owner, "not-a-token")).isEqualTo(401);
        assertThat(status(stack.apiUri() + "/v1/users/" + owner + "/feed/stream", owner, api.tokenOf(owner), "Last-Event-ID", "abc")).isEqualTo(400);
    }

    private static int status(String base, String viewer, String token) throws IOException, InterruptedException {
        return status(base + "/v1/users/" + viewer + "/feed/stream", viewer, token, "Accept", "text/event-stream");
    }

    private static int status(String url, String viewer, String token, String header, String value) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header(header, value).timeout(Duration.ofSeconds(10)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    record Event(String id, String name, JsonNode data) {
    }

    /** A viewer's open stream, read on a thread of its own into a queue of events. */
    static final class Events implements AutoCloseable {
        private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
        private final Stream<String> stream;
        private final Iterator<String> lines;
        private final Thread reader;

        private Events(Stream<String> stream, Iterator<String> lines) {
            this.stream = stream;
            this.lines = lines;
            this.reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
        }

        /** Opens the stream and returns once the service has registered it (its first comment has arrived). */
        static Events open(String base, String viewer, String token, String lastEventId) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/users/" + viewer + "/feed/stream"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET();
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            Iterator<String> lines = response.body().iterator();
            assertThat(lines.next()).as("the first line: the registration comment").isEqualTo(": connected");
            Events events = new Events(response.body(), lines);
            events.reader.start();
            return events;
        }

        private void read() {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            try {
                while (lines.hasNext()) {
                    String line = lines.next();
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            queue.add(new Event(id, name, JSON.readTree(data.toString())));
                        }
                        id = null;
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the stream was closed
            }
        }

        Event next(Duration within) throws InterruptedException {
            Event event = queue.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event within " + within).isNotNull();
            return event;
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}

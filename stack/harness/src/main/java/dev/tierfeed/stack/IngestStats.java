package dev.tierfeed.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The ingest statistics as {@code bin/tierfeed stats} reads them: from the service's {@code GET /v1/stats/ingest}. */
final class IngestStats {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A window's start, as the service wrote it (ISO-8601), and its count. */
    record Bucket(String start, long count) {
    }

    private IngestStats() {
    }

    /** The {@code last} most recent windows of {@code resolution} that hold a count, oldest first. */
    static List<Bucket> latest(String api, String resolution, int last) {
        URI uri = URI.create(api + "/v1/stats/ingest?resolution=" + resolution + "&last=" + last);
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StackException("the service does not answer at " + api + " (is the stack up? bin/tierfeed status): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while reading " + uri, e);
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new StackException(uri + " answered " + response.statusCode() + ": " + body.path("message").asText(response.body()));
            }
            List<Bucket> buckets = new ArrayList<>();
            body.path("buckets").forEach(b -> buckets.add(new Bucket(b.path("start").asText(), b.path("count").asLong())));
            return buckets;
        } catch (IOException e) {
            throw new StackException(uri + " answered " + response.statusCode() + " with a body that is not JSON: " + response.body(), e);
        }
    }
}

package dev.tierfeed.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads one figure from the service's Prometheus endpoint ({@code /metrics} on the admin port). */
final class Scrape {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Scrape() {
    }

    static double value(String adminUrl, String metric) {
        try {
            String text = HTTP.send(HttpRequest.newBuilder(URI.create(adminUrl + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return text.lines().filter(line -> line.startsWith(metric + " ")).mapToDouble(line -> Double.parseDouble(line.substring(metric.length() + 1)))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no " + metric + " in " + adminUrl + "/metrics"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

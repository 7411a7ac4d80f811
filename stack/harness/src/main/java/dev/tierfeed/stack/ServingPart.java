package dev.tierfeed.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Dropwizard service in its own JVM. It is ready when its admin health check is green,
 * which covers Cassandra, Kafka and the streaming query.
 */
final class ServingPart extends Part {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    ServingPart(StackSettings settings) {
        super("serving", settings);
    }

    @Override
    Map<Integer, String> ports() {
        return Map.of(settings.apiPort(), "API (TIERFEED_API_PORT)", settings.adminPort(), "admin (TIERFEED_ADMIN_PORT)");
    }

    static Path configFile(StackSettings settings) {
        return settings.root().resolve("serving/tierfeed.yml");
    }

    @Override
    List<String> jvmArguments() {
        return List.of("dev.tierfeed.serving.TierfeedApplication", "server", configFile(settings).toString());
    }

    @Override
    Map<String, String> environment() {
        return settings.applicationEnvironment();
    }

    @Override
    String classpath() {
        return moduleClasspath("serving");
    }

    @Override
    String heap() {
        return settings.servingHeap();
    }

    @Override
    boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.adminPort() + "/healthcheck"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

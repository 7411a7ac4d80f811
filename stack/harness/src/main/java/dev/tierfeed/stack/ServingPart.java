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
 * The Dropwizard service in its own JVM. It is ready when its health checks of Cassandra, Kafka
 * and the streaming query are green. The batch view's readiness is not waited for: a stale batch
 * view is for the nightly batch to mend, and must not stop the stack from starting.
 */
final class ServingPart extends Part {
    private static final List<String> LIVENESS = List.of("cassandra", "kafka", "s3", "streaming");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Map<String, String> ownEnvironment;
    private final String host;

    ServingPart(StackSettings settings) {
        super("serving", settings);
        this.ownEnvironment = Map.of();
        this.host = ClusterLayout.NODES.get(0);
    }

    /** Another replica of the service, {@code serving-<nodeId>}: its ports are {@code settings}', its ids carry {@code nodeId}. */
    ServingPart(StackSettings settings, int nodeId) {
        this(settings, nodeId, ClusterLayout.NODES.get(0));
    }

    /** Replica {@code serving-<nodeId>} bound on {@code host}, with the stack's ports (cluster mode: a node of its own). */
    ServingPart(StackSettings settings, int nodeId, String host) {
        super("serving-" + nodeId, settings);
        this.ownEnvironment = Map.of("TIERFEED_NODE_ID", Integer.toString(nodeId), "TIERFEED_BIND_HOST", host,
                "TIERFEED_ADMIN_BIND_HOST", host);
        this.host = host;
    }

    @Override
    String host() {
        return host;
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
        Map<String, String> environment = new java.util.HashMap<>(settings.applicationEnvironment());
        environment.putAll(ownEnvironment);
        return environment;
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
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + settings.adminPort() + "/healthcheck"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            return LIVENESS.stream().allMatch(check -> java.util.regex.Pattern.compile(
                    "\"" + check + "\":\\{\"healthy\":true").matcher(body).find());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

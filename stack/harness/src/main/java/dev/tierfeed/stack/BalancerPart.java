package dev.tierfeed.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The cluster mode's load balancer: HAProxy (Debian's package) on 127.0.0.1 at the stack's API and
 * admin ports, in front of the service replicas on their own addresses, with the configuration
 * docker-compose.yml uses too ({@code stack/balancer/haproxy.cfg}, which says how it balances).
 */
final class BalancerPart extends Part {
    static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    BalancerPart(StackSettings settings) {
        super("balancer", settings);
    }

    @Override
    Map<Integer, String> ports() {
        return Map.of(settings.apiPort(), "API through the balancer (TIERFEED_API_PORT)",
                settings.adminPort(), "admin through the balancer (TIERFEED_ADMIN_PORT)");
    }

    /** The balancer's configuration, shared with docker-compose.yml; the environment fills in the addresses. */
    private Path config() {
        return settings.root().resolve("stack/balancer/haproxy.cfg");
    }

    /** The command line carries the configuration's path, which every stack shares: the marker is the stack's own folder. */
    @Override
    String marker() {
        return "tierfeed-balancer@" + settings.home();
    }

    @Override
    void prepare() throws IOException {
        if (!Files.isExecutable(HAPROXY)) {
            throw new StackException("cluster mode needs HAProxy as its load balancer (" + HAPROXY + "): apt-get install haproxy");
        }
        super.prepare();
    }

    @Override
    Map<String, String> environment() {
        Map<String, String> environment = new java.util.HashMap<>();
        environment.put("TIERFEED_API_BIND", host() + ":" + settings.apiPort());
        environment.put("TIERFEED_ADMIN_BIND", host() + ":" + settings.adminPort());
        for (int n = 1; n <= ClusterLayout.REPLICAS; n++) {
            String replica = ClusterLayout.replicaAddress(n);
            environment.put("TIERFEED_SERVING_" + n, replica + ":" + settings.apiPort());
            environment.put("TIERFEED_SERVING_" + n + "_ADMIN_HOST", replica);
            environment.put("TIERFEED_SERVING_" + n + "_ADMIN_PORT", Integer.toString(settings.adminPort()));
        }
        return environment;
    }

    @Override
    List<String> command() {
        // -L names the process (its "local peer"): the marker that tells this stack's balancer from another's
        return List.of(HAPROXY.toString(), "-db", "-L", marker(), "-f", config().toString());
    }

    @Override
    List<String> jvmArguments() {
        throw new UnsupportedOperationException("HAProxy is not a JVM");
    }

    @Override
    String classpath() {
        throw new UnsupportedOperationException("HAProxy is not a JVM");
    }

    @Override
    String heap() {
        throw new UnsupportedOperationException("HAProxy is not a JVM");
    }

    /** Ready once a replica answers through it. */
    @Override
    boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.apiPort() + "/v1/openapi.yaml"))
                .timeout(Duration.ofSeconds(3)).GET().build();
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

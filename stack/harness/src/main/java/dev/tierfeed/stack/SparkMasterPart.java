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
import java.util.Map;
import java.util.Optional;

/**
 * The cluster mode's Spark standalone master ({@code org.apache.spark.deploy.master.Master}), from
 * the Spark jars Maven resolved for the streaming job. Its web UI's JSON is how the stack sees the
 * workers and applications. A worker that stops sending heartbeats is taken for dead after
 * {@link #WORKER_TIMEOUT_SECONDS} (Spark's default is a minute), so a killed worker's work moves on
 * sooner.
 */
final class SparkMasterPart extends SparkDaemonPart {
    static final int WORKER_TIMEOUT_SECONDS = 15;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    SparkMasterPart(StackSettings settings) {
        super("spark-master", settings);
    }

    @Override
    Map<Integer, String> ports() {
        return Map.of(settings.cluster().sparkMasterPort(), "Spark master (TIERFEED_SPARK_MASTER_PORT)",
                settings.cluster().sparkWebPort(), "Spark master's web UI (TIERFEED_SPARK_WEB_PORT)");
    }

    @Override
    List<String> jvmArguments() {
        List<String> args = new ArrayList<>(StreamingPart.SPARK_JAVA17_FLAGS);
        args.addAll(List.of("-Dspark.worker.timeout=" + WORKER_TIMEOUT_SECONDS,
                "-Dspark.master.rest.enabled=false",
                "org.apache.spark.deploy.master.Master",
                "--host", host(), "--port", Integer.toString(settings.cluster().sparkMasterPort()),
                "--webui-port", Integer.toString(settings.cluster().sparkWebPort())));
        return args;
    }

    @Override
    boolean isReady() {
        return state(settings).map(json -> "ALIVE".equals(json.path("status").asText())).orElse(false);
    }

    /** The master's view of the cluster (its web UI's {@code /json/}), if it answers. */
    static Optional<JsonNode> state(StackSettings settings) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.cluster().sparkWebPort() + "/json/"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

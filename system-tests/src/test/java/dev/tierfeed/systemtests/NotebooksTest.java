package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tierfeed.core.EventLake;
import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Every notebook in {@code notebooks/} runs top to bottom (papermill, in .venv-notebooks) against
 * this test run's stack, after a little activity through the API and a nightly batch: no cell may
 * fail, and each notebook must draw at least one chart (an {@code image/png} output). The executed
 * notebooks are kept in {@code system-tests/target/notebooks/}.
 */
@ExtendWith(TierfeedStackExtension.class)
class NotebooksTest {
    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyNotebookRunsToTheEndAgainstTheStackAndDrawsAChart(TestStack stack) throws Exception {
        Path root = stack.settings().root();
        Path target = root.resolve("system-tests/target/notebooks");
        Files.createDirectories(target);
        Path envLog = target.resolve("notebook-env.log");
        assertThat(run(root, List.of(root.resolve("bin/notebook-env").toString()), Map.of(), envLog))
                .as("bin/notebook-env; see " + envLog).isZero();

        // a little of everything: authors and viewers of each tier, follows, posts, seen receipts
        Api api = Api.of(stack);
        List<String> authors = List.of(api.createUser("PREMIUM"), api.createUser("STANDARD"), api.createUser("FREE"));
        List<String> viewers = List.of(api.createUser("PREMIUM"), api.createUser("STANDARD"), api.createUser("FREE"));
        List<String> posts = new ArrayList<>();
        for (String viewer : viewers) {
            authors.forEach(author -> api.follow(viewer, author));
            api.heartbeat(viewer); // watching: FREE posts reach only viewers who are
        }
        for (String author : authors) {
            posts.add(api.createPost(author, "for the notebooks, one"));
            posts.add(api.createPost(author, "for the notebooks, two"));
        }
        for (String viewer : viewers) { // the PREMIUM and STANDARD posts (a FREE one needs the viewer still watching)
            api.awaitFeedContaining(viewer, DELIVERY, posts.subList(0, 4).toArray(String[]::new));
        }
        assertThat(api.post("/v1/users/" + viewers.get(0) + "/feed/seen", Api.json("postIds", List.of(posts.get(0), posts.get(2))))
                .status()).isBetween(200, 299);
        assertThat(api.post("/v1/users/" + viewers.get(2) + "/feed/seen", Api.json("postIds", List.of(posts.get(1)))).status())
                .isBetween(200, 299);

        // the lake has committed posts and seen receipts (its trigger is 2 s in the test stack)
        try (S3Client s3 = S3Store.client(stack.settings())) {
            await("the lake to hold posts and seen receipts").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket(stack.settings().lakeBucket())
                                .prefix(EventLake.ROOT + "/")).contents().stream().map(S3Object::key).toList();
                        assertThat(keys).anyMatch(key -> key.startsWith("events/event_type=post/") && key.endsWith(".parquet"));
                        assertThat(keys).anyMatch(key -> key.startsWith("events/event_type=seen/") && key.endsWith(".parquet"));
                        assertThat(keys).anyMatch(key -> key.startsWith("events/_spark_metadata/"));
                    });
        }
        String batch = stack.runBatch(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        assertThat(batch).contains("delivery audit as of");

        Map<String, String> env = new HashMap<>(stack.settings().applicationEnvironment());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(root.resolve("notebooks"))) {
            notebooks = files.filter(file -> file.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        }
        assertThat(notebooks).extracting(notebook -> notebook.getFileName().toString())
                .contains("getting-started.ipynb", "delivery-promise.ipynb", "ingest.ipynb", "feed-health.ipynb");
        for (Path notebook : notebooks) {
            Path executed = target.resolve(notebook.getFileName());
            Path log = target.resolve(notebook.getFileName() + ".log");
            Files.deleteIfExists(executed);
            int status = run(root, List.of(root.resolve(".venv-notebooks/bin/python").toString(), "-m", "papermill",
                    "--cwd", root.resolve("notebooks").toString(), "--no-progress-bar", "--log-output",
                    notebook.toString(), executed.toString()), env, log);
            assertThat(executed).as(notebook + " executed; see " + log).exists();
            JsonNode cells = JSON.readTree(executed.toFile()).path("cells");
            assertThat(errors(cells)).as("cell errors of " + executed).isEmpty();
            assertThat(status).as("papermill's exit status for " + notebook + "; see " + log).isZero();
            assertThat(charts(cells)).as("image/png outputs of " + executed).isPositive();
        }
    }

    /** Each failing cell's error: its source's first line, the error's name and value, the traceback's last line. */
    private static List<String> errors(JsonNode cells) {
        List<String> errors = new ArrayList<>();
        for (JsonNode cell : cells) {
            for (JsonNode output : cell.path("outputs")) {
                if (output.path("output_type").asText().equals("error")) {
                    JsonNode traceback = output.path("traceback");
                    errors.add("in cell \"" + source(cell).lines().findFirst().orElse("") + "\": " + output.path("ename").asText()
                            + ": " + output.path("evalue").asText()
                            + (traceback.isEmpty() ? "" : "\n" + traceback.get(traceback.size() - 1).asText()));
                }
            }
        }
        return errors;
    }

    private static long charts(JsonNode cells) {
        long charts = 0;
        for (JsonNode cell : cells) {
            for (JsonNode output : cell.path("outputs")) {
                if (output.path("data").hasNonNull("image/png")) {
                    charts++;
                }
            }
        }
        return charts;
    }

    private static String source(JsonNode cell) {
        JsonNode source = cell.path("source");
        if (source.isTextual()) {
            return source.asText();
        }
        StringBuilder text = new StringBuilder();
        source.forEach(line -> text.append(line.asText()));
        return text.toString();
    }

    private static int run(Path root, List<String> command, Map<String, String> env, Path log) throws Exception {
        return Processes.run(root, command, env, log, Duration.ofMinutes(10));
    }
}

package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the Python tests of {@code airflow-dags} (pytest, in the project's .venv) against this
 * test run's stack: the DagBag checks and a real {@code airflow dags test} of the nightly DAG,
 * whose Spark jobs go through pyspark's spark-submit.
 */
@ExtendWith(TierfeedStackExtension.class)
class AirflowNightlyDagTest {

    @Test
    void theAirflowDagPassesItsPythonTestsIncludingARealRunAgainstTheStack(TestStack stack) throws Exception {
        Path root = stack.settings().root();
        run(root, List.of(root.resolve("bin/python-env").toString()), Map.of(), root.resolve("system-tests/target/python-env.log"));

        Map<String, String> env = new java.util.HashMap<>(stack.settings().applicationEnvironment());
        env.put("TIERFEED_TEST_ADMIN_URL", stack.adminUri());
        env.put("TIERFEED_BATCH_JAR", batchJar(root).toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        Path log = root.resolve("system-tests/target/pytest.log");
        int status = run(root, List.of(root.resolve(".venv/bin/python").toString(), "-m", "pytest", "-v", "-p", "no:cacheprovider",
                root.resolve("airflow-dags/tests").toString()), env, log);

        String output = Files.readString(log);
        System.out.println(output);
        assertThat(status).as("pytest exit status; see " + log).isZero();
        String summary = output.lines().filter(line -> line.matches("=+ .* in [0-9.]+s.* =+")).reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no pytest summary in " + log));
        assertThat(summary).contains("4 passed").doesNotContain("failed").doesNotContain("skipped").doesNotContain("error");
    }

    private static Path batchJar(Path root) throws IOException {
        try (Stream<Path> jars = Files.list(root.resolve("batch/target"))) {
            return jars.filter(jar -> jar.getFileName().toString().endsWith("-spark.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no batch jar in batch/target: run mvn package"));
        }
    }

    private static int run(Path root, List<String> command, Map<String, String> env, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in 20 minutes; see " + log);
        }
        if (command.get(0).endsWith("python-env")) {
            assertThat(process.exitValue()).as("bin/python-env; see " + log).isZero();
        }
        return process.exitValue();
    }
}

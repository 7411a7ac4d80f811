package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs the Python tests of {@code airflow-dags} (pytest, in the project's .venv) against this
 * test run's stack: the DagBag checks and a real {@code airflow dags test} of the nightly DAG,
 * whose Spark jobs go through pyspark's spark-submit.
 *
 * <p>What counts is pytest's JUnit XML report, never a hard-coded count: every test that
 * {@code pytest --collect-only} finds must appear in the report, and all of them must have passed
 * (nothing failed, errored or was skipped).
 */
@ExtendWith(TierfeedStackExtension.class)
class AirflowNightlyDagTest {

    private static final Pattern COLLECTED = Pattern.compile("(\\d+) tests? collected");

    @Test
    void theAirflowDagPassesItsPythonTestsIncludingARealRunAgainstTheStack(TestStack stack) throws Exception {
        Path root = stack.settings().root();
        run(root, List.of(root.resolve("bin/python-env").toString()), Map.of(), root.resolve("system-tests/target/python-env.log"));

        Map<String, String> env = new java.util.HashMap<>(stack.settings().applicationEnvironment());
        env.put("TIERFEED_TEST_ADMIN_URL", stack.adminUri());
        env.put("TIERFEED_BATCH_JAR", batchJar(root).toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        List<String> pytest = List.of(root.resolve(".venv/bin/python").toString(), "-m", "pytest", "-p", "no:cacheprovider");
        String tests = root.resolve("airflow-dags/tests").toString();

        Path collectLog = root.resolve("system-tests/target/pytest-collect.log");
        int collectStatus = run(root, concat(pytest, "--collect-only", "-q", tests), env, collectLog);
        assertThat(collectStatus).as("pytest --collect-only exit status; see " + collectLog).isZero();

        Path log = root.resolve("system-tests/target/pytest.log");
        Path report = root.resolve("system-tests/target/pytest-junit.xml");
        Files.deleteIfExists(report);
        int status = run(root, concat(pytest, "-v", "--junitxml=" + report, tests), env, log);
        System.out.println(Files.readString(log));
        assertThat(status).as("pytest exit status; see " + log).isZero();

        assertEveryCollectedTestPassed(collectLog, report, log);
    }

    /**
     * Every test in the collection ({@code pytest --collect-only -q} output) is in the JUnit XML
     * report and passed: at least one test, tests == test cases, no failure, error or skip.
     */
    static void assertEveryCollectedTestPassed(Path collectLog, Path report, Path log) throws Exception {
        List<String> collected = collectedTests(collectLog);
        assertThat(collected).as("tests collected by pytest; see " + collectLog).isNotEmpty();

        assertThat(report).as("pytest's JUnit XML report; see " + log).exists();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document xml = factory.newDocumentBuilder().parse(report.toFile());

        String where = "; see " + report + " and " + log;
        NodeList suites = xml.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).as("test suites in the report" + where).isPositive();
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        for (int i = 0; i < suites.getLength(); i++) {
            Element suite = (Element) suites.item(i);
            tests += count(suite, "tests", report);
            failures += count(suite, "failures", report);
            errors += count(suite, "errors", report);
            skipped += count(suite, "skipped", report);
        }
        List<String> ran = new ArrayList<>();
        List<String> notPassed = new ArrayList<>();
        NodeList cases = xml.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            String id = testCase.getAttribute("classname") + "." + testCase.getAttribute("name");
            ran.add(id);
            for (String outcome : List.of("failure", "error", "skipped")) {
                if (testCase.getElementsByTagName(outcome).getLength() > 0) {
                    notPassed.add(id + " (" + outcome + ")");
                }
            }
        }
        assertThat(ran).as("test cases in the report" + where).isNotEmpty();
        assertThat(notPassed).as("test cases that did not pass" + where).isEmpty();
        assertThat(failures).as("failures" + where).isZero();
        assertThat(errors).as("errors" + where).isZero();
        assertThat(skipped).as("skipped" + where).isZero();
        assertThat(tests).as("the report's test count against its test cases" + where).isEqualTo(ran.size());
        assertThat(ran).as("the tests that ran against those collected in " + collectLog + where)
                .containsExactlyInAnyOrderElementsOf(collected);
    }

    /**
     * The node ids that {@code pytest --collect-only -q} lists (the lines before its first blank
     * line), as the JUnit report names them: {@code dir/test_x.py::test_y} is {@code dir.test_x.test_y}.
     */
    private static List<String> collectedTests(Path collectLog) throws IOException {
        List<String> lines = Files.readAllLines(collectLog);
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                break;
            }
            if (!line.contains("::")) {
                throw new AssertionError("not a pytest node id: \"" + line + "\"; see " + collectLog);
            }
            String[] parts = line.split("::");
            parts[0] = parts[0].replace('/', '.').replaceFirst("\\.py$", "");
            ids.add(String.join(".", parts));
        }
        Matcher summary = lines.stream().map(COLLECTED::matcher).filter(Matcher::find).reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no \"N tests collected\" line; see " + collectLog));
        assertThat(ids).as("node ids listed against pytest's own count; see " + collectLog)
                .hasSize(Integer.parseInt(summary.group(1)));
        return ids;
    }

    private static int count(Element suite, String attribute, Path report) {
        String value = suite.getAttribute(attribute);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new AssertionError("testsuite " + attribute + "=\"" + value + "\" is not a count; see " + report, e);
        }
    }

    private static List<String> concat(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }

    private static Path batchJar(Path root) throws IOException {
        try (Stream<Path> jars = Files.list(root.resolve("batch/target"))) {
            return jars.filter(jar -> jar.getFileName().toString().endsWith("-spark.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no batch jar in batch/target: run mvn package"));
        }
    }

    private static int run(Path root, List<String> command, Map<String, String> env, Path log) throws Exception {
        int status = Processes.run(root, command, env, log, Duration.ofMinutes(20));
        if (command.get(0).endsWith("python-env")) {
            assertThat(status).as("bin/python-env; see " + log).isZero();
        }
        return status;
    }
}

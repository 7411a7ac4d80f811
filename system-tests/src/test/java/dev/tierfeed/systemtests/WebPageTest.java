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
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The web page in a real browser: the Playwright tests in {@code web-tests/} drive Debian's
 * Chromium (headless) against the page this test run's service serves at {@code /app/}: two users
 * in two browser contexts, one posts with a photo, the other sees it arrive live, and once it has
 * been on screen a reload no longer lists it; errors are shown. A screenshot of each step is kept
 * in {@code system-tests/target/web/screenshots}.
 *
 * <p>What counts is Playwright's JUnit report: every test that {@code playwright test --list}
 * finds must be in it, and none may have failed or been skipped.
 */
@ExtendWith(TierfeedStackExtension.class)
class WebPageTest {
    private static final Pattern LISTED = Pattern.compile("Total: (\\d+) tests? in");

    @Test
    void thePlaywrightTestsPassInChromiumAgainstThePage(TestStack stack) throws Exception {
        Path root = stack.settings().root();
        Path out = root.resolve("system-tests/target/web");
        Files.createDirectories(out);
        assertThat(run(root, List.of(root.resolve("bin/web-test-env").toString()), Map.of(), out.resolve("web-test-env.log")))
                .as("bin/web-test-env; see " + out.resolve("web-test-env.log")).isZero();

        Path report = out.resolve("junit.xml");
        Files.deleteIfExists(report);
        Map<String, String> env = Map.of("TIERFEED_WEB_URL", stack.apiUri() + "/app/", "TIERFEED_SCREENSHOTS", out.resolve("screenshots").toString(),
                "TIERFEED_WEB_JUNIT", report.toString(), "TIERFEED_WEB_OUTPUT", out.resolve("results").toString(),
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        List<String> playwright = List.of(root.resolve("web-tests/node_modules/.bin/playwright").toString(), "test");

        Path listLog = out.resolve("list.log");
        assertThat(run(root.resolve("web-tests"), concat(playwright, "--list"), env, listLog)).as("playwright test --list; see " + listLog).isZero();
        Matcher listed = LISTED.matcher(Files.readString(listLog));
        assertThat(listed.find()).as("a test count in " + listLog).isTrue();
        int expected = Integer.parseInt(listed.group(1));
        assertThat(expected).isPositive();

        Path log = out.resolve("playwright.log");
        int status = run(root.resolve("web-tests"), playwright, env, log);
        System.out.println(Files.readString(log));
        assertThat(status).as("playwright test; see " + log).isZero();

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document xml = factory.newDocumentBuilder().parse(report.toFile());
        NodeList cases = xml.getElementsByTagName("testcase");
        List<String> notPassed = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            for (String outcome : List.of("failure", "error", "skipped")) {
                if (testCase.getElementsByTagName(outcome).getLength() > 0) {
                    notPassed.add(testCase.getAttribute("name") + " (" + outcome + ")");
                }
            }
        }
        assertThat(cases.getLength()).as("test cases in " + report + " against those listed").isEqualTo(expected);
        assertThat(notPassed).as("browser tests that did not pass; see " + log).isEmpty();
        try (var shots = Files.list(out.resolve("screenshots"))) {
            assertThat(shots.map(path -> path.getFileName().toString()).toList()).as("a screenshot of each step")
                    .contains("1-bob-follows-alice.png", "3-bob-sees-it-live.png", "4-bob-after-reload.png");
        }
    }

    private static List<String> concat(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }

    private static int run(Path dir, List<String> command, Map<String, String> env, Path log) throws IOException, InterruptedException {
        return Processes.run(dir, command, env, log, Duration.ofMinutes(10));
    }
}

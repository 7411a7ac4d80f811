package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Schemathesis against the running test stack, from the OpenAPI document the service itself serves
 * ({@code GET /v1/openapi.yaml}): every operation, every check Schemathesis has but one: no 5xx,
 * every status documented, the documented content type, headers and body schema, invalid data
 * refused, a missing token refused, an undeclared method 405 with {@code Allow}, …. Left out is
 * {@code positive_data_acceptance} (a request the schema allows must not get a 400 or 422): this
 * API refuses by rules that no JSON Schema states and that the document lists as its 400 and 422
 * codes instead — a page token must be one the service issued, {@code last} excludes
 * {@code from}/{@code to}, a post needs text or media, sign-up a password unless the operator
 * signs up, nobody follows themselves. The live feed ({@code streamFeed}) is left out: its answer
 * does not end, and {@code StreamTest} tests it. Two runs:
 * <ul>
 * <li>as a member, whose token Schemathesis gets by logging in (and gets again after it fuzzed
 *     {@code DELETE /v1/sessions/current}), with the member's own id, another user's and a media
 *     the member uploaded offered for the ids it generates, so it reaches past 403 and 404;</li>
 * <li>as the operator (not rate-limited; tier changes, passwordless accounts, sessions by user id).</li>
 * </ul>
 * What counts is Schemathesis' JSON report: at least {@link #MIN_CASES} generated cases over both
 * runs, every operation tested, no failure and no error; a failure's cases (with a curl line to
 * replay each) come from its JUnit report into the assertion message. The seed is random per run
 * and printed; {@code -Dtierfeed.fuzzSeed=N} replays a run's generation.
 */
@ExtendWith(TierfeedStackExtension.class)
class ApiFuzzTest {
    /** Generated cases over both runs, at least. */
    static final int MIN_CASES = 1_000;
    /** Cases per operation and phase that Schemathesis may generate. */
    private static final int MAX_EXAMPLES = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void schemathesisFindsNothingInAnyOperationAsAMemberOrAsTheOperator(TestStack stack) throws Exception {
        Path root = stack.settings().root();
        Path work = root.resolve("system-tests/target/api-fuzz");
        Files.createDirectories(work);
        run(root, List.of(root.resolve("bin/api-fuzz-env").toString()), work.resolve("api-fuzz-env.log"), true);

        Api api = Api.of(stack);
        String member = api.createUser("STANDARD");
        String other = api.createUser("PREMIUM");
        String memberHandle = api.get("/v1/users/" + member).text("handle");
        Api.Reply media = api.upload(member, png(), "image/png");
        assertThat(media.status()).as(media.raw().body()).isEqualTo(201);
        Api.Reply followed = api.put("/v1/users/" + member + "/following/" + other);
        assertThat(followed.status()).as(followed.raw().body()).isEqualTo(204);
        Api.Reply post = api.post("/v1/posts", Api.json("authorId", other, "text", "for the fuzzer to find"));
        assertThat(post.status()).as(post.raw().body()).isEqualTo(202);

        long seed = Long.getLong("tierfeed.fuzzSeed", ThreadLocalRandom.current().nextLong(1L << 40));
        System.out.println("ApiFuzzTest: Schemathesis seed " + seed + " (replay with -Dtierfeed.fuzzSeed=" + seed + ")");
        String ids = "[\"" + member + "\", \"" + other + "\", \"" + media.text("id") + "\", \"" + post.text("id") + "\"]";
        String memberConfig = common(ids) + """
                [auth.dynamic.openapi.bearerAuth]
                path = "/v1/sessions"
                method = "post"
                payload = { handle = "%s", password = "%s" }
                extract_selector = "/token"
                """.formatted(memberHandle, Api.PASSWORD);
        String operatorConfig = common(ids) + """
                [auth.openapi.bearerAuth]
                bearer = "%s"
                """.formatted(stack.settings().operatorToken());

        Instant started = Instant.now();
        Result asMember = schemathesis(root, stack, work.resolve("member"), memberConfig, seed);
        Result asOperator = schemathesis(root, stack, work.resolve("operator"), operatorConfig, seed);
        Duration took = Duration.between(started, Instant.now());
        System.out.println("ApiFuzzTest: " + asMember + "; " + asOperator + "; " + took.toSeconds() + " s");

        for (Result result : List.of(asMember, asOperator)) {
            assertThat(result.failures()).as(result.name() + " run, seed " + seed + ": failures; see " + result.dir() + "\n" + result.failingCases())
                    .isEmpty();
            assertThat(result.errors()).as(result.name() + " run, seed " + seed + ": errors; see " + result.dir() + "\n" + result.failingCases())
                    .isEmpty();
            assertThat(result.exitCode()).as(result.name() + " run: Schemathesis' exit status; see " + result.dir()).isZero();
            assertThat(result.tested()).as(result.name() + " run: operations tested of those in the document")
                    .isEqualTo(result.operations()).isGreaterThanOrEqualTo(18);
        }
        assertThat(asMember.generated() + asOperator.generated()).as("generated cases over both runs").isGreaterThanOrEqualTo(MIN_CASES);
    }

    /**
     * The settings both runs share: every check; ids for path parameters and body fields drawn from
     * the test's users, media and post half the time (the other half generated).
     */
    private static String common(String ids) {
        return """
                [generation]
                max-examples = %d

                [dictionaries.ids]
                values = %s

                [parameters]
                "path.id" = { dictionary = "ids", probability = 0.6 }
                "path.targetId" = { dictionary = "ids", probability = 0.6 }

                """.formatted(MAX_EXAMPLES, ids);
    }

    /** What one Schemathesis run reports. */
    private record Result(String name, Path dir, int exitCode, long generated, int operations, int tested, List<String> failures,
                          List<String> errors, String failingCases) {
        @Override
        public String toString() {
            return name + ": " + generated + " cases over " + tested + " of " + operations + " operations, "
                    + failures.size() + " failures, " + errors.size() + " errors, exit " + exitCode;
        }
    }

    private static Result schemathesis(Path root, TestStack stack, Path dir, String config, long seed) throws Exception {
        Files.createDirectories(dir);
        Path configFile = dir.resolve("schemathesis.toml");
        Files.writeString(configFile, config);
        Path report = dir.resolve("report.json");
        Path junit = dir.resolve("junit.xml");
        Files.deleteIfExists(report);
        Files.deleteIfExists(junit);
        List<String> command = List.of(root.resolve(".venv-api-fuzz/bin/st").toString(), "--no-color", "--config-file", configFile.toString(),
                "run", stack.apiUri() + "/v1/openapi.yaml",
                "--checks", "all", "--exclude-checks", "positive_data_acceptance", "--exclude-operation-id", "streamFeed", "--generation-database", "none", "--seed", Long.toString(seed), "--workers", "2", "--request-timeout", "20",
                "--report", "json,junit", "--report-json-path", report.toString(), "--report-junit-path", junit.toString());
        Path log = dir.resolve("schemathesis.log");
        int exit = run(root, command, log, false);
        assertThat(report).as("Schemathesis' JSON report; see " + log).exists();
        JsonNode json = JSON.readTree(report.toFile());
        List<String> failures = new ArrayList<>();
        json.path("failures").forEach(f -> failures.add(f.path("title").asText() + " (" + f.path("count").asInt() + "×) in " + f.path("operations")));
        List<String> errors = new ArrayList<>();
        json.path("errors").forEach(e -> errors.add(e.path("title").asText() + " (" + e.path("count").asInt() + "×)"));
        String failing = failures.isEmpty() && errors.isEmpty() ? "" : failingCases(junit) + "\n" + tail(log, 120);
        return new Result(dir.getFileName().toString(), dir, exit, json.path("test_cases").path("generated").asLong(),
                json.path("operations").path("selected").asInt(), json.path("operations").path("tested").asInt(), failures, errors, failing);
    }

    /** The failing test cases of a JUnit report: each operation's failure and error messages (each with its curl line). */
    private static String failingCases(Path junit) throws Exception {
        if (!Files.exists(junit)) {
            return "(no JUnit report)";
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document xml = factory.newDocumentBuilder().parse(junit.toFile());
        StringBuilder out = new StringBuilder();
        NodeList cases = xml.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            for (String outcome : List.of("failure", "error")) {
                NodeList found = testCase.getElementsByTagName(outcome);
                for (int j = 0; j < found.getLength(); j++) {
                    Element element = (Element) found.item(j);
                    out.append("== ").append(testCase.getAttribute("name")).append(" (").append(outcome).append(")\n")
                            .append(element.getAttribute("message")).append('\n').append(element.getTextContent()).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String tail(Path log, int lines) throws IOException {
        List<String> all = Files.readAllLines(log);
        return all.subList(Math.max(0, all.size() - lines), all.size()).stream().collect(Collectors.joining("\n"));
    }

    /** A small real PNG (the upload's bytes are checked against their type). */
    private static byte[] png() throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static int run(Path root, List<String> command, Path log, boolean mustSucceed) throws Exception {
        int status = Processes.run(root, command, Map.of("PYTHONUNBUFFERED", "1"), log, Duration.ofMinutes(15));
        if (mustSucceed) {
            assertThat(status).as(command.get(0) + "; see " + log).isZero();
        }
        return status;
    }
}

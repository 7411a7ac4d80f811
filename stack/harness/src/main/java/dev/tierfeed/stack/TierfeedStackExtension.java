package dev.tierfeed.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one real stack per test run: Cassandra and Kafka in their own JVMs, the
 * streaming job on a local Spark master, the service; on free ports and in a folder of its own
 * ({@code <module>/target/test-stack}), so it never collides with {@code bin/tierfeed up}.
 * The first test class that needs it starts it; it is stopped when the test run ends.
 *
 * <p>Settings for the stack (short retentions, say) come from {@code tierfeed-test.properties}
 * on the test classpath (or the resource the system property {@code tierfeed.test-settings} names). Test methods and constructors may take a {@link TestStack} parameter.
 * With the system property {@code tierfeed.cluster=true} the stack is the cluster mode's
 * ({@code <module>/target/cluster-stack}).
 */
public final class TierfeedStackExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TierfeedStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    private static TestStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(TestStack.class, key -> TestStack.start(), TestStack.class);
    }

    /** A running test stack; closing it stops every part. */
    public static final class TestStack implements AutoCloseable {
        private final Stack stack;

        private TestStack(Stack stack) {
            this.stack = stack;
        }

        static TestStack start() {
            Path root = Path.of(System.getProperty("tierfeed.root", "..")).toAbsolutePath().normalize();
            boolean cluster = Boolean.getBoolean("tierfeed.cluster");
            Path home = Path.of("target", cluster ? "cluster-stack" : "test-stack").toAbsolutePath();
            StackSettings settings = cluster ? StackSettings.forClusterTests(root, home, testSettings())
                    : StackSettings.forTests(root, home, testSettings());
            // a test run that was killed may have left its parts running: stop them and start clean
            new Stack(settings).down(System.out);
            deleteRecursively(home);
            Stack stack = new Stack(settings);
            stack.up(System.out);
            return new TestStack(stack);
        }

        public StackSettings settings() {
            return stack.settings();
        }

        /** Base URI of the API, e.g. {@code http://127.0.0.1:41234}. */
        public String apiUri() {
            return "http://127.0.0.1:" + settings().apiPort();
        }

        public String adminUri() {
            return "http://127.0.0.1:" + settings().adminPort();
        }

        /** Starts another replica of the service beside the stack's ({@link Stack#startServingReplica}); close it to stop it. */
        public Stack.ServingReplica startServingReplica(int nodeId) {
            try {
                return stack.startServingReplica(nodeId, System.out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Kills a part ({@code cassandra-3}, say) at once, as {@code kill -9} would; {@link #restart} starts it again. */
        public void crash(String part) {
            stack.crash(part);
        }

        /** Cluster mode: the Spark master's view of its workers and applications (its web UI's {@code /json/}). */
        public com.fasterxml.jackson.databind.JsonNode sparkMaster() {
            return SparkMasterPart.state(settings()).orElseThrow(() -> new IllegalStateException("the Spark master does not answer"));
        }

        /** Starts every part that is not running (after a {@link #crash}) and waits until all are healthy. */
        public void restart() {
            stack.up(System.out);
        }

        /** Kills the streaming job (every application of it) as a crash would, runs {@code whileDown}, and starts it again. */
        public void crashStreaming(Runnable whileDown) {
            stack.crashStreaming();
            whileDown.run();
            stack.up(System.out);
        }

        /** Runs the nightly batch as of {@code asOf}; returns its output, failing if it fails. */
        public String runBatch(java.time.Instant asOf) {
            java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
            try (java.io.PrintStream out = new java.io.PrintStream(output, true, java.nio.charset.StandardCharsets.UTF_8)) {
                int status = stack.runBatch(asOf, out);
                String text = output.toString(java.nio.charset.StandardCharsets.UTF_8);
                if (status != 0) {
                    throw new AssertionError("the nightly batch exited with " + status + ":\n" + text);
                }
                return text;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /**
         * Runs a {@code bin/tierfeed} command (as {@code stats 1s --last 5}) against this stack; returns
         * what it printed, failing unless it exits 0.
         */
        public String cli(String... args) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            int status = StackCli.commandLine(this::settings).setOut(new java.io.PrintWriter(out, true))
                    .setErr(new java.io.PrintWriter(err, true)).execute(args);
            if (status != 0) {
                throw new AssertionError("bin/tierfeed " + String.join(" ", args) + " exited with " + status + ":\n" + err);
            }
            return out.toString();
        }

        /** The streaming job's checkpoint folder. */
        public Path streamingCheckpoint() {
            return StreamingPart.checkpoint(settings());
        }

        @Override
        public void close() {
            stack.down(System.out);
        }

        private static Map<String, String> testSettings() {
            Map<String, String> settings = new HashMap<>();
            String resource = System.getProperty("tierfeed.test-settings", "tierfeed-test.properties");
            try (InputStream in = TierfeedStackExtension.class.getClassLoader().getResourceAsStream(resource)) {
                if (in != null) {
                    Properties properties = new Properties();
                    properties.load(in);
                    properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return settings;
        }

        private static void deleteRecursively(Path dir) {
            if (!Files.exists(dir)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

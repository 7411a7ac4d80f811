package dev.tierfeed.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a part's process is started: in a session of its own, niced as a whole when it asks to be. */
class PartProcessTest {
    private static final Path ROOT = Path.of(System.getProperty("tierfeed.root", "../..")).toAbsolutePath().normalize();

    @TempDir
    Path home;

    @Test
    void theSessionFieldIsFoundAfterACommandNameWithSpacesAndParentheses() {
        assertThat(PartProcess.sessionField("4242 (java (x) y) S 1 4240 4241 0 -1 4194560").getAsLong()).isEqualTo(4241);
        assertThat(PartProcess.sessionField("17 (sleep) R 1 17 17 0").getAsLong()).isEqualTo(17);
    }

    @Test
    void aNicedPartIsNicedAsASessionAndTheCallersSessionIsNot() throws Exception {
        String callersGroup = readIfExists(Path.of("/proc/self/autogroup"));
        Part sleeper = new Sleeper(StackSettings.forTests(ROOT, home, Map.of()));
        sleeper.prepare();
        ProcessHandle process = PartProcess.start(sleeper);
        try {
            long pid = process.pid();
            // setsid and nice have both run once the JVM itself is running
            await().atMost(Duration.ofSeconds(10)).until(() -> PartProcess.running(sleeper).isPresent());
            assertThat(PartProcess.sessionOf(pid).getAsLong()).isEqualTo(pid);
            // every thread of the part is niced
            assertThat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")).split("\\) ")[1].split(" ")[16]).isEqualTo("7");
            Path autogroup = Path.of("/proc", Long.toString(pid), "autogroup");
            if (Files.exists(autogroup)) { // a kernel with autogroup scheduling: the session's group too
                assertThat(Files.readString(autogroup).trim()).endsWith("nice 7");
                assertThat(readIfExists(Path.of("/proc/self/autogroup"))).isEqualTo(callersGroup);
            }
        } finally {
            PartProcess.stop(process, Duration.ofSeconds(5));
        }
    }

    @Test
    void aPartsJvmOptionsSettingGoesBeforeItsClasspathAndArguments() {
        Part sleeper = new Sleeper(StackSettings.forTests(ROOT, home,
                Map.of("TIERFEED_SLEEPER_JVM_OPTIONS", " -XX:+UseSerialGC   -Dtierfeed.probe=1 ")));
        List<String> command = sleeper.command();
        int cp = command.indexOf("-cp");
        assertThat(command.subList(0, cp)).containsSequence("-XX:+UseSerialGC", "-Dtierfeed.probe=1");
        assertThat(command.get(command.size() - 1)).isEqualTo(Sleep.class.getName());
        assertThat(new Sleeper(StackSettings.forTests(ROOT, home, Map.of())).command()).doesNotContain("-XX:+UseSerialGC");
    }

    private static String readIfExists(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file).trim() : "";
    }

    /** A part whose process only sleeps, at nice 7. */
    private static final class Sleeper extends Part {
        Sleeper(StackSettings settings) {
            super("sleeper", settings);
        }

        @Override
        Map<Integer, String> ports() {
            return Map.of();
        }

        @Override
        List<String> jvmArguments() {
            return List.of(Sleep.class.getName());
        }

        @Override
        String classpath() {
            return System.getProperty("java.class.path");
        }

        @Override
        String heap() {
            return "32m";
        }

        @Override
        int niceness() {
            return 7;
        }

        @Override
        boolean isReady() {
            return true;
        }
    }

    /** The sleeper's main class. */
    public static final class Sleep {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(60_000);
        }
    }
}

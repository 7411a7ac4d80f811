package dev.tierfeed.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which of the job's queries each streaming application runs, where their checkpoints are, and at what priority. */
class StreamingPartTest {
    /** The project's root: a streaming part's arguments name its module's built classpath. */
    private static final Path ROOT = Path.of(System.getProperty("tierfeed.root", "../..")).toAbsolutePath().normalize();
    private static final Path HOME = Path.of("/tmp/tierfeed-streaming-part-test/.tierfeed");

    @Test
    void oneMachineRunsTheFanOutAloneAtNormalPriorityAndTheStatisticsAndTheLakeNiced() {
        StackSettings settings = StackSettings.forTests(ROOT, HOME, Map.of());
        StreamingPart streaming = new StreamingPart(settings);
        StreamingPart analytics = StreamingPart.analytics(settings);

        assertThat(argumentAfter(streaming, "--queries")).isEqualTo("fan-out");
        assertThat(argumentAfter(analytics, "--queries")).isEqualTo("ingest-stats,lake");
        assertThat(streaming.niceness()).isZero();
        assertThat(analytics.niceness()).isEqualTo(StreamingPart.DEFAULT_ANALYTICS_NICE).isPositive();
        assertThat(analytics.name()).isNotEqualTo(streaming.name());
        assertThat(analytics.readyMarker()).isNotEqualTo(streaming.readyMarker());
    }

    @Test
    void bothApplicationsKeepTheJobsCheckpointsWhereTheyWereSoAnUpgradedStackArchivesNothingTwice() {
        StackSettings settings = StackSettings.forTests(ROOT, HOME, Map.of());
        String expected = HOME.toAbsolutePath().resolve("streaming").resolve("checkpoint").toUri().toString();

        assertThat(argumentAfter(new StreamingPart(settings), "--checkpoint")).isEqualTo(expected);
        assertThat(argumentAfter(StreamingPart.analytics(settings), "--checkpoint")).isEqualTo(expected);
    }

    @Test
    void inClusterModeOneApplicationRunsEveryQueryOnTheWorkers() {
        StackSettings cluster = StackSettings.fromEnvironment(ROOT, Map.of("TIERFEED_CLUSTER", "true"));
        assertThat(argumentAfter(new StreamingPart(cluster), "--queries")).isEqualTo("fan-out,ingest-stats,lake");
    }

    @Test
    void eachApplicationsPriorityIsASettingOfItsOwnAndOutOfRangeIsRefused() {
        StackSettings settings = StackSettings.forTests(ROOT, HOME, Map.of("TIERFEED_ANALYTICS_NICE", "19", "TIERFEED_STREAMING_NICE", "5"));
        assertThat(StreamingPart.analytics(settings).niceness()).isEqualTo(19);
        assertThat(new StreamingPart(settings).niceness()).isEqualTo(5);

        StackSettings wrong = StackSettings.forTests(ROOT, HOME, Map.of("TIERFEED_ANALYTICS_NICE", "20"));
        assertThatThrownBy(() -> StreamingPart.analytics(wrong).niceness()).isInstanceOf(StackException.class)
                .hasMessage("TIERFEED_ANALYTICS_NICE must be a whole number from 0 to 19, was '20'");
    }

    private static String argumentAfter(Part part, String flag) {
        List<String> args = part.jvmArguments();
        int at = args.indexOf(flag);
        assertThat(at).as(flag + " in " + args).isNotNegative();
        return args.get(at + 1);
    }
}

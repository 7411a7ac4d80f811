package dev.tierfeed.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which queries an application of the job runs: all three unless told, a named few, never none or an unknown one. */
class FanOutOptionsTest {
    @Test
    void anApplicationRunsEveryQueryOfTheJobUnlessToldOtherwise() {
        assertThat(parse().queries()).containsExactly("fan-out", "ingest-stats", "lake");
        assertThat(FanOutJob.appName(parse().queries())).isEqualTo("tierfeed-fan-out");
    }

    @Test
    void anApplicationRunsOnlyTheQueriesItsOptionNames() {
        FanOutOptions lake = parse("--queries", "lake");
        assertThat(lake.queries()).containsExactly("lake");
        assertThat(FanOutJob.appName(lake.queries())).isEqualTo("tierfeed-lake");
        assertThat(parse("--queries", "fan-out,ingest-stats").queries()).containsExactly("fan-out", "ingest-stats");
        assertThat(parse("--queries", "lake,lake").queries()).containsExactly("lake");
    }

    @Test
    void anUnknownQueryIsRefusedByName() {
        FanOutOptions options = parse("--queries", "fan-out,archive");
        assertThatThrownBy(options::check).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--queries: no query named 'archive'; the job's are fan-out, ingest-stats, lake");
    }

    private static FanOutOptions parse(String... args) {
        FanOutOptions options = new FanOutOptions();
        String[] all = new String[args.length + 2];
        all[0] = "--checkpoint";
        all[1] = "file:///nowhere";
        System.arraycopy(args, 0, all, 2, args.length);
        new CommandLine(options).parseArgs(all);
        return options;
    }
}

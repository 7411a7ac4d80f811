package dev.tierfeed.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When the heartbeat says the fan-out read the log to its end: a batch that ended where the log ended when it was planned. */
class LogReadAtTest {
    private static final String STARTED = "2026-11-27T20:34:00.125Z";

    @Test
    void aBatchThatReadEverythingTheLogHeldSaysWhenItStarted() {
        assertThat(StreamHeartbeat.readToTheEnd("{\"posts\":{\"0\":12,\"1\":7}}", "{\"posts\":{\"1\":7,\"0\":12}}", STARTED, "posts"))
                .contains(Instant.parse(STARTED));
    }

    @Test
    void aBatchHeldBackByTheMostItMayReadOrWithoutTheLogsEndSaysNothing() {
        assertThat(StreamHeartbeat.readToTheEnd("{\"posts\":{\"0\":12,\"1\":7}}", "{\"posts\":{\"0\":12,\"1\":9}}", STARTED, "posts")).isEmpty();
        assertThat(StreamHeartbeat.readToTheEnd("{\"posts\":{\"0\":12}}", "{\"posts\":{\"0\":12,\"1\":0}}", STARTED, "posts")).isEmpty();
        assertThat(StreamHeartbeat.readToTheEnd("{\"posts\":{\"0\":12}}", null, STARTED, "posts")).isEmpty();
        assertThat(StreamHeartbeat.readToTheEnd("{\"posts\":{\"0\":12}}", "{\"other\":{\"0\":12}}", STARTED, "posts")).isEmpty();
    }
}

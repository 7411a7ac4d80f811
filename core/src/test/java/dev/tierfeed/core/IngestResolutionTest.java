package dev.tierfeed.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IngestResolutionTest {
    private static final Instant AT = Instant.parse("2026-11-27T10:15:42.347Z");

    @Test
    void labelsAreParsedExactlyAndAnythingElseIsRefusedNamingTheChoices() {
        assertThat(IngestResolution.parse("10ms")).isEqualTo(IngestResolution.TEN_MILLIS);
        assertThat(IngestResolution.parse("1s")).isEqualTo(IngestResolution.ONE_SECOND);
        assertThat(IngestResolution.parse("1m")).isEqualTo(IngestResolution.ONE_MINUTE);
        assertThatThrownBy(() -> IngestResolution.parse("1M")).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.code()).isEqualTo("invalid_resolution");
            assertThat(e.getMessage()).isEqualTo("resolution must be one of 10ms, 1s, 1m, was '1M'");
        });
    }

    @Test
    void aWindowStartsAtItsLengthsMultipleAndItsPeriodAtThePeriodsMultiple() {
        assertThat(IngestResolution.TEN_MILLIS.windowStart(AT)).isEqualTo("2026-11-27T10:15:42.340Z");
        assertThat(IngestResolution.ONE_SECOND.windowStart(AT)).isEqualTo("2026-11-27T10:15:42Z");
        assertThat(IngestResolution.ONE_MINUTE.windowStart(AT)).isEqualTo("2026-11-27T10:15:00Z");
        assertThat(IngestResolution.TEN_MILLIS.periodStart(AT)).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(IngestResolution.ONE_MINUTE.periodStart(AT)).isEqualTo("2026-11-27T00:00:00Z");
        // before 1970 too: floor, not truncation toward zero
        assertThat(IngestResolution.ONE_SECOND.windowStart(Instant.parse("1969-12-31T23:59:59.500Z"))).isEqualTo("1969-12-31T23:59:59Z");
    }

    @Test
    void aWindowIsFinalOnceTheWatermarkReachesItsEnd() {
        Instant start = Instant.parse("2026-11-27T10:15:00Z");
        assertThat(IngestResolution.ONE_MINUTE.isFinal(start, Instant.parse("2026-11-27T10:15:59.999Z"))).isFalse();
        assertThat(IngestResolution.ONE_MINUTE.isFinal(start, Instant.parse("2026-11-27T10:16:00Z"))).isTrue();
        assertThat(IngestResolution.TEN_MILLIS.isFinal(start, Instant.parse("2026-11-27T10:15:00.009Z"))).isFalse();
        assertThat(IngestResolution.TEN_MILLIS.isFinal(start, Instant.parse("2026-11-27T10:15:00.010Z"))).isTrue();
    }

    @Test
    void aRangeCoversThePeriodsOfItsWindows() {
        assertThat(IngestResolution.TEN_MILLIS.periodsBetween(Instant.parse("2026-11-27T09:59:59.995Z"), Instant.parse("2026-11-27T11:00:00Z")))
                .containsExactly(Instant.parse("2026-11-27T09:00:00Z"), Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(IngestResolution.ONE_SECOND.periodsBetween(AT, AT.plusSeconds(1))).containsExactly(Instant.parse("2026-11-27T00:00:00Z"));
    }

    @Test
    void aRangeMustBeForwardAndSpanAtMostTheMaximumOfWindows() {
        Instant from = Instant.parse("2026-11-27T10:00:00Z");
        IngestResolution.TEN_MILLIS.checkRange(from, from.plusSeconds(100)); // 10,000 windows
        assertThatThrownBy(() -> IngestResolution.TEN_MILLIS.checkRange(from, from.plusMillis(100_001)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.code()).isEqualTo("range_too_large"));
        // a start inside a window counts that whole window
        assertThatThrownBy(() -> IngestResolution.TEN_MILLIS.checkRange(from.plusMillis(5), from.plusSeconds(100).plusMillis(1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.code()).isEqualTo("range_too_large"));
        IngestResolution.ONE_MINUTE.checkRange(from, from.plus(java.time.Duration.ofDays(6)));
        assertThatThrownBy(() -> IngestResolution.ONE_SECOND.checkRange(from, from))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.code()).isEqualTo("invalid_range"));
    }
}

package dev.tierfeed.core;

import static dev.tierfeed.core.PostTextTest.codeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123Z");

    @Test
    void anIdCarriesTheMillisecondItWasMadeAt() {
        long id = new IdGenerator(Clock.fixed(NOW, ZoneOffset.UTC), 5).next();
        assertThat(Ids.instantOf(id)).isEqualTo(NOW);
        assertThat(id).isGreaterThanOrEqualTo(Ids.lowestAt(NOW)).isLessThan(Ids.lowestAt(NOW.plusMillis(1)));
    }

    @Test
    void idsIncreaseAndStayUniqueWhenTheClockStandsStillOrStepsBack() {
        AtomicLong millis = new AtomicLong(NOW.toEpochMilli());
        IdGenerator ids = new IdGenerator(new SteppableClock(millis), 1);
        Set<Long> seen = new HashSet<>();
        long previous = -1;
        for (int i = 0; i < 10_000; i++) {
            if (i == 5_000) {
                millis.addAndGet(-2_000);
            }
            long id = ids.next();
            assertThat(id).isGreaterThan(previous);
            assertThat(seen.add(id)).isTrue();
            previous = id;
        }
    }

    @Test
    void differentNodesNeverCollide() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        assertThat(new IdGenerator(clock, 1).next()).isNotEqualTo(new IdGenerator(clock, 2).next());
        assertThatThrownBy(() -> new IdGenerator(clock, Ids.MAX_NODE + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesDecimalIdsAndRefusesAnythingElse() {
        assertThat(Ids.parse("123", "user id")).isEqualTo(123L);
        assertThat(codeOf(() -> Ids.parse("12a", "user id"))).isEqualTo("malformed_id");
        assertThat(codeOf(() -> Ids.parse("-1", "user id"))).isEqualTo("malformed_id");
        assertThat(codeOf(() -> Ids.parse("\u0663", "user id"))).as("an Arabic-Indic three").isEqualTo("malformed_id");
        assertThat(codeOf(() -> Ids.parse("０１", "user id"))).as("full-width digits").isEqualTo("malformed_id");
        assertThat(codeOf(() -> Ids.parse("0123", "user id"))).as("a leading zero").isEqualTo("malformed_id");
        assertThat(Ids.parse("0", "tier rank")).isZero();
        assertThat(codeOf(() -> Ids.parse("99999999999999999999", "user id"))).isEqualTo("malformed_id");
        assertThat(codeOf(() -> Ids.parse("9999999999999999999", "user id"))).isEqualTo("malformed_id");
    }

    private static final class SteppableClock extends Clock {
        private final AtomicLong millis;

        SteppableClock(AtomicLong millis) {
            this.millis = millis;
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

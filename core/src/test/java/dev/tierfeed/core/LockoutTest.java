package dev.tierfeed.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LockoutTest {
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    private static final Lockout RULE = new Lockout(5, Duration.ofMinutes(15), Duration.ofMinutes(15));

    private static List<Instant> minutes(int... offsets) {
        List<Instant> failures = new ArrayList<>();
        for (int offset : offsets) {
            failures.add(T0.plus(Duration.ofMinutes(offset)));
        }
        return failures;
    }

    @Test
    void theFifthFailureWithinTheWindowLocksForTheDurationFromThatFailure() {
        List<Instant> failures = minutes(0, 1, 2, 3);
        assertThat(RULE.afterFailure(failures.get(3), failures, Optional.empty())).isEmpty();

        failures.add(T0.plus(Duration.ofMinutes(14)));
        Optional<Lockout.Lock> lock = RULE.afterFailure(failures.get(4), failures, Optional.empty());
        assertThat(lock).contains(new Lockout.Lock(T0.plusSeconds(14 * 60), T0.plusSeconds(29 * 60)));
        assertThat(lock.get().holdsAt(T0.plusSeconds(29 * 60 - 1))).isTrue();
        assertThat(lock.get().holdsAt(T0.plusSeconds(29 * 60))).isFalse();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        List<Instant> failures = minutes(0, 1, 2, 3, 15); // the first is exactly a window before the last
        assertThat(RULE.afterFailure(failures.get(4), failures, Optional.empty())).isEmpty();
    }

    @Test
    void failuresAfterTheOneBeingCountedDoNotCount() {
        List<Instant> failures = minutes(0, 1, 2, 3, 5); // the 5th reached the counter before the 4th: counting the 4th ignores it
        assertThat(RULE.afterFailure(failures.get(3), failures, Optional.empty())).isEmpty();
        assertThat(RULE.afterFailure(failures.get(4), failures, Optional.empty())).isPresent();
    }

    @Test
    void aFailureWhileLockedNeitherCountsNorExtendsTheLock() {
        Lockout.Lock lock = new Lockout.Lock(T0.plusSeconds(240), T0.plusSeconds(240 + 900));
        List<Instant> failures = minutes(0, 1, 2, 3, 4, 5, 6);
        assertThat(RULE.afterFailure(failures.get(6), failures, Optional.of(lock))).isEmpty();
    }

    @Test
    void failuresFromBeforeALocksEndNeverCountTowardsTheNextLock() {
        Lockout longWindow = new Lockout(3, Duration.ofMinutes(60), Duration.ofMinutes(5));
        Lockout.Lock lock = new Lockout.Lock(T0.plusSeconds(120), T0.plusSeconds(120 + 300)); // set by failures at 0, 1, 2 min
        List<Instant> failures = minutes(0, 1, 2, 8, 9);
        assertThat(longWindow.afterFailure(failures.get(4), failures, Optional.of(lock))).isEmpty();

        failures.add(T0.plus(Duration.ofMinutes(10)));
        assertThat(longWindow.afterFailure(failures.get(5), failures, Optional.of(lock)))
                .contains(new Lockout.Lock(T0.plusSeconds(600), T0.plusSeconds(900)));
    }

    @Test
    void retryAfterIsTheWholeSecondsLeftAndNeverZero() {
        Lockout.Lock lock = new Lockout.Lock(T0, T0.plusSeconds(900));
        assertThat(lock.secondsLeft(T0)).isEqualTo(900);
        assertThat(lock.secondsLeft(T0.plusMillis(899_001))).isEqualTo(1);
        assertThat(lock.secondsLeft(T0.plusMillis(100))).isEqualTo(900);
    }

    @Test
    void refusesRulesThatCannotLockOrNeverUnlock() {
        assertThatThrownBy(() -> new Lockout(0, Duration.ofMinutes(1), Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Lockout(5, Duration.ZERO, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Lockout(5, Duration.ofMinutes(1), Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}

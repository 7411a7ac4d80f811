package dev.tierfeed.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * When failed log-ins lock an account, and for how long: {@code attempts} failures within
 * {@code window} lock the handle for {@code duration} from the failure that completed them. The
 * lock is on the handle as it was typed (case-folded), whether or not an account has it, so a
 * locked answer does not tell that the handle exists. While locked, no password is checked and no
 * attempt counts; failures from before a lock's end never count towards the next one.
 */
public record Lockout(int attempts, Duration window, Duration duration) {
    public static final Lockout DEFAULTS = new Lockout(5, Duration.ofMinutes(15), Duration.ofMinutes(15));

    /** A lock set at {@code lockedAt} that holds until {@code until} (exclusive). */
    public record Lock(Instant lockedAt, Instant until) {
        public Lock {
            Objects.requireNonNull(lockedAt, "lockedAt");
            Objects.requireNonNull(until, "until");
        }

        public boolean holdsAt(Instant now) {
            return now.isBefore(until);
        }

        /** Whole seconds until the lock ends, at least 1: the {@code Retry-After} of a refused log-in. */
        public long secondsLeft(Instant now) {
            long millis = Duration.between(now, until).toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }
    }

    public Lockout {
        if (attempts < 1) {
            throw new IllegalArgumentException("lockout attempts must be at least 1");
        }
        if (window.isNegative() || window.isZero() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("lockout window and duration must be positive");
        }
    }

    /**
     * The lock that the failure at {@code failedAt} sets, given the handle's recorded failures (this
     * one among them) and its latest lock; empty when it sets none (too few failures in the window,
     * or the handle is still locked).
     */
    public Optional<Lock> afterFailure(Instant failedAt, Collection<Instant> failures, Optional<Lock> latest) {
        if (latest.isPresent() && latest.get().holdsAt(failedAt)) {
            return Optional.empty();
        }
        Instant windowStart = failedAt.minus(window);
        Instant countFrom = latest.map(Lock::until).filter(end -> end.isAfter(windowStart)).orElse(windowStart);
        long counted = failures.stream()
                .filter(at -> !at.isAfter(failedAt))
                .filter(at -> at.isAfter(windowStart) && !at.isBefore(countFrom))
                .count();
        return counted >= attempts ? Optional.of(new Lock(failedAt, failedAt.plus(duration))) : Optional.empty();
    }

    /** How long a failure needs to be kept to count: its window. */
    public Duration failureRetention() {
        return window;
    }

    /** How long a lock needs to be kept: while it holds and while failures before its end could still be in a window. */
    public Duration lockRetention() {
        return duration.plus(window);
    }
}

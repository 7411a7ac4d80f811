package dev.tierfeed.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetriesTest {
    private static final Retries RETRIES = new Retries(3, Duration.ofMillis(1), error -> error instanceof IllegalStateException);

    @Test
    void aTransientFailureIsTriedAgainUntilItPasses() {
        AtomicInteger calls = new AtomicInteger();
        String result = RETRIES.run(() -> calls.incrementAndGet() < 3
                ? CompletableFuture.failedFuture(new IllegalStateException("busy")) : CompletableFuture.completedFuture("done")).join();
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);
    }

    @Test
    void itGivesUpAfterTheLastAttemptAndAtOnceOnAnotherFailure() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> RETRIES.run(() -> {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("still busy"));
        }).join()).isInstanceOf(CompletionException.class).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(3);

        AtomicInteger others = new AtomicInteger();
        assertThatThrownBy(() -> RETRIES.run(() -> {
            others.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalArgumentException("wrong"));
        }).join()).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(others).hasValue(1);
    }
}

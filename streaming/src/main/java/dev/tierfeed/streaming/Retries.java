package dev.tierfeed.streaming;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs an asynchronous call again, after a pause that doubles each time, while it fails in a way
 * that may pass ({@code isTransient}), at most {@code attempts} times in all. For idempotent calls
 * only: a repeat must not change what the first try would have done.
 */
final class Retries {
    private final int attempts;
    private final Duration firstPause;
    private final Predicate<Throwable> isTransient;

    Retries(int attempts, Duration firstPause, Predicate<Throwable> isTransient) {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt, was " + attempts);
        }
        this.attempts = attempts;
        this.firstPause = firstPause;
        this.isTransient = isTransient;
    }

    <T> CompletableFuture<T> run(Supplier<? extends CompletionStage<T>> call) {
        return attempt(call, 1);
    }

    private <T> CompletableFuture<T> attempt(Supplier<? extends CompletionStage<T>> call, int attempt) {
        return call.get().toCompletableFuture().handle((result, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause == null) {
                return CompletableFuture.completedFuture(result);
            }
            if (attempt < attempts && isTransient.test(cause)) {
                Executor later = CompletableFuture.delayedExecutor(firstPause.toMillis() << (attempt - 1), TimeUnit.MILLISECONDS);
                return CompletableFuture.supplyAsync(() -> attempt, later).thenCompose(previous -> attempt(call, previous + 1));
            }
            return CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(next -> next);
    }
}

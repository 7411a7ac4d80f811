package dev.tierfeed.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Reads and edits a streaming query's checkpoint: {@code offsets/N} is written when batch N is
 * planned, {@code commits/N} when it has been written out.
 */
final class Checkpoints {
    private Checkpoints() {
    }

    /** Whether every planned batch is committed: nothing is in flight. */
    static boolean isIdle(Path checkpoint) {
        return newest(checkpoint, "commits") == newest(checkpoint, "offsets");
    }

    /**
     * Deletes the newest batch commit of a stopped, idle query, so that it runs that batch again on
     * restart, as a crash between writing a batch and committing it would; returns the batch's id.
     */
    static long forgetLastCommit(Path checkpoint) {
        long last = newest(checkpoint, "commits");
        if (last < 0 || last != newest(checkpoint, "offsets")) {
            // Spark replays only the newest planned batch: an older commit forgotten would never come back
            throw new IllegalStateException("the query was not idle: commits up to " + last + ", offsets up to " + newest(checkpoint, "offsets"));
        }
        try {
            Files.delete(commit(checkpoint, last));
            Files.deleteIfExists(checkpoint.resolve("commits").resolve("." + last + ".crc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return last;
    }

    /** Whether the query has committed the batch: it has finished writing it. */
    static boolean isCommitted(Path checkpoint, long batch) {
        return Files.exists(commit(checkpoint, batch));
    }

    private static Path commit(Path checkpoint, long batch) {
        return checkpoint.resolve("commits").resolve(Long.toString(batch));
    }

    /** The newest batch id in one of the checkpoint's logs, or -1 when it has none. */
    private static long newest(Path checkpoint, String log) {
        try (Stream<Path> files = Files.list(checkpoint.resolve(log))) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.matches("[0-9]+"))
                    .mapToLong(Long::parseLong).max().orElse(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.tierfeed.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Edits a stopped streaming query's checkpoint to force a replay, as a crash at the wrong moment would. */
final class Checkpoints {
    private Checkpoints() {
    }

    /** Deletes the newest batch commit, so the query runs that batch again on restart; returns the batch's id. */
    static long forgetLastCommit(Path checkpoint) {
        Path commits = checkpoint.resolve("commits");
        try (Stream<Path> files = Files.list(commits)) {
            long last = files.map(f -> f.getFileName().toString()).filter(name -> name.matches("[0-9]+"))
                    .mapToLong(Long::parseLong).max()
                    .orElseThrow(() -> new IllegalStateException("no committed batch in " + commits));
            Files.delete(commits.resolve(Long.toString(last)));
            Files.deleteIfExists(commits.resolve("." + last + ".crc"));
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the query has committed the batch: it has finished writing it. */
    static boolean isCommitted(Path checkpoint, long batch) {
        return Files.exists(checkpoint.resolve("commits").resolve(Long.toString(batch)));
    }
}

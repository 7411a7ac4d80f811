package dev.tierfeed.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Edits a stopped streaming query's checkpoint to force a replay, as a crash at the wrong moment would. */
final class Checkpoints {
    private Checkpoints() {
    }

    /** Deletes the newest batch commit, so the query runs that batch again on restart. */
    static void forgetLastCommit(Path checkpoint) {
        Path commits = checkpoint.resolve("commits");
        try (Stream<Path> files = Files.list(commits)) {
            Path last = files.filter(f -> f.getFileName().toString().matches("[0-9]+"))
                    .max(Comparator.comparingLong(f -> Long.parseLong(f.getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no committed batch in " + commits));
            Files.delete(last);
            Files.deleteIfExists(commits.resolve("." + last.getFileName() + ".crc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.tierfeed.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.execution.streaming.CheckpointFileManager.CancellableFSDataOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint file manager of the streaming job, on a local folder: Spark's contract for its offset and commit logs. */
class LocalCheckpointFileManagerTest {
    @TempDir
    java.nio.file.Path dir;

    private LocalCheckpointFileManager manager() {
        return new LocalCheckpointFileManager(new Path(dir.toUri()), new Configuration());
    }

    /** A write begun, not yet closed. */
    private static CancellableFSDataOutputStream begun(LocalCheckpointFileManager manager, Path path, boolean overwrite, String text)
            throws IOException {
        CancellableFSDataOutputStream out = manager.createAtomic(path, overwrite);
        out.write(text.getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static void write(LocalCheckpointFileManager manager, Path path, boolean overwrite, String text) throws IOException {
        begun(manager, path, overwrite, text).close();
    }

    private static Path under(java.nio.file.Path dir, String name) {
        return new Path(dir.resolve(name).toUri());
    }

    private String read(LocalCheckpointFileManager manager, Path path) throws IOException {
        try (FSDataInputStream in = manager.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private long leftovers() throws IOException {
        try (Stream<java.nio.file.Path> files = Files.list(dir.resolve("offsets"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    @Test
    void aFileAppearsWholeUnderItsNameAndOnlyOnClose() throws Exception {
        LocalCheckpointFileManager manager = manager();
        Path batch = under(dir, "offsets/7");
        CancellableFSDataOutputStream out = begun(manager, batch, false, "v1\n{\"batch\":7}");
        assertThat(manager.exists(batch)).isFalse();

        out.close();

        assertThat(manager.isLocal()).isTrue();
        assertThat(read(manager, batch)).isEqualTo("v1\n{\"batch\":7}");
        assertThat(leftovers()).isZero();
    }

    @Test
    void anExistingNameIsNeverReplacedUnlessAllowed() throws Exception {
        LocalCheckpointFileManager manager = manager();
        Path batch = under(dir, "offsets/8");
        write(manager, batch, false, "first");

        CancellableFSDataOutputStream second = begun(manager, batch, false, "second");
        assertThatThrownBy(second::close).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(read(manager, batch)).isEqualTo("first");

        write(manager, batch, true, "third");
        assertThat(read(manager, batch)).isEqualTo("third");
    }

    @Test
    void aCancelledWriteLeavesNothing() throws Exception {
        LocalCheckpointFileManager manager = manager();
        Path batch = under(dir, "offsets/9");
        CancellableFSDataOutputStream out = begun(manager, batch, false, "half");

        out.cancel();

        assertThat(manager.exists(batch)).isFalse();
        assertThat(leftovers()).isZero();
    }

    @Test
    void aFileWrittenEarlierByHadoopsLocalFileSystemWithAChecksumCanBeReplacedAndReadBack() throws Exception {
        LocalCheckpointFileManager manager = manager();
        Path metadata = under(dir, "offsets/metadata");
        try (var out = metadata.getFileSystem(new Configuration()).create(metadata, true)) {
            out.write("{\"id\":\"old\"}".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(dir.resolve("offsets/.metadata.crc")).exists();
        CancellableFSDataOutputStream refused = begun(manager, metadata, false, "{\"id\":\"refused\"}");
        assertThatThrownBy(refused::close).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(dir.resolve("offsets/.metadata.crc")).exists(); // a refused write leaves the existing file as it was
        assertThat(read(manager, metadata)).isEqualTo("{\"id\":\"old\"}");

        write(manager, metadata, true, "{\"id\":\"new, and longer than the old one\"}");

        assertThat(read(manager, metadata)).isEqualTo("{\"id\":\"new, and longer than the old one\"}");
    }
}

package dev.genesis.worker.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeDetectorTest {

    @TempDir
    Path scratch;

    private Baseline base;

    @BeforeEach
    void fetchTheWorkspace() throws Exception {
        MapFileSource source = new MapFileSource()
                .with("src/keep.txt", 5, "same")
                .with("src/edit.txt", 6, "old")
                .with("src/gone.txt", 7, "bye")
                .with("lib/read.txt", 2, "read only");
        base = new ScratchMaterializer(source).materialize(List.of("src/", "lib/read.txt"), scratch);
    }

    @Test
    void newModifiedAndDeletedFilesUnderTheWritesAreFoundWithTheirBases() throws Exception {
        Files.writeString(scratch.resolve("src/edit.txt"), "new");
        Files.delete(scratch.resolve("src/gone.txt"));
        Files.createDirectories(scratch.resolve("src/deep"));
        Files.writeString(scratch.resolve("src/deep/added.txt"), "hello");

        List<FileChange> changes = ChangeDetector.changes(scratch, List.of("src/"), base);

        assertThat(changes).extracting(FileChange::path)
                .containsExactly("src/deep/added.txt", "src/edit.txt", "src/gone.txt");
        assertThat(changes.get(0).baseVersion()).isNull();
        assertThat(new String(changes.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(changes.get(1).baseVersion()).isEqualTo(6);
        assertThat(new String(changes.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("new");
        assertThat(changes.get(2).deleted()).isTrue();
        assertThat(changes.get(2).baseVersion()).isEqualTo(7);
        assertThat(changes.get(2).content()).isNull();
    }

    @Test
    void changesOutsideTheWritesAreIgnored() throws Exception {
        Files.writeString(scratch.resolve("lib/read.txt"), "tampered");
        Files.writeString(scratch.resolve("stray.txt"), "not declared");
        Files.writeString(scratch.resolve("src/keep.txt.bak"), "x");

        List<FileChange> changes = ChangeDetector.changes(scratch, List.of("src/keep.txt"), base);

        assertThat(changes).isEmpty();
    }

    @Test
    void rewritingAFileWithTheSameBytesIsNoChange() throws Exception {
        Files.writeString(scratch.resolve("src/keep.txt"), "same");

        assertThat(ChangeDetector.changes(scratch, List.of("src/"), base)).isEmpty();
    }

    @Test
    void aSymbolicLinkIsNotCommitted() throws Exception {
        Files.createSymbolicLink(scratch.resolve("src/link.txt"), Path.of("/etc/hostname"));

        assertThat(ChangeDetector.changes(scratch, List.of("src/"), base)).extracting(FileChange::path)
                .doesNotContain("src/link.txt");
    }
}

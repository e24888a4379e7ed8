package dev.genesis.worker.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchMaterializerTest {

    @TempDir
    Path scratch;

    private final MapFileSource source = new MapFileSource()
            .with("README.md", 3, "readme")
            .with("src/a.txt", 7, "alpha")
            .with("src/sub/b.txt", 2, "beta")
            .with("srcfile.txt", 1, "not under src/")
            .with("docs/c.md", 4, "gamma");

    @Test
    void declaredFilesLandAtTheirWorkspacePathsWithTheirBaseVersions() throws Exception {
        Baseline base = new ScratchMaterializer(source).materialize(List.of("README.md", "docs/c.md"), scratch);

        assertThat(Files.readString(scratch.resolve("README.md"))).isEqualTo("readme");
        assertThat(Files.readString(scratch.resolve("docs/c.md"))).isEqualTo("gamma");
        assertThat(base.of("README.md").orElseThrow().version()).isEqualTo(3);
        assertThat(base.of("docs/c.md").orElseThrow().version()).isEqualTo(4);
        assertThat(base.paths()).containsExactlyInAnyOrder("README.md", "docs/c.md");
        assertThat(Files.exists(scratch.resolve("src"))).isFalse();
    }

    @Test
    void aFolderBringsEveryFileUnderItAndNothingBeside() throws Exception {
        Baseline base = new ScratchMaterializer(source).materialize(List.of("src/"), scratch);

        assertThat(source.listed).containsExactly("src/");
        assertThat(base.paths()).containsExactlyInAnyOrder("src/a.txt", "src/sub/b.txt");
        assertThat(Files.readString(scratch.resolve("src/sub/b.txt"))).isEqualTo("beta");
        assertThat(Files.exists(scratch.resolve("srcfile.txt"))).isFalse();
    }

    @Test
    void aLaxListingCannotWidenTheDeclaredSet() throws Exception {
        source.alwaysListed.add("docs/c.md");

        Baseline base = new ScratchMaterializer(source).materialize(List.of("src/"), scratch);

        assertThat(base.paths()).doesNotContain("docs/c.md");
        assertThat(source.read).doesNotContain("docs/c.md");
    }

    @Test
    void aMissingFileHasNoBaseAndAnEmptyFolderIsStillCreated() throws Exception {
        Baseline base = new ScratchMaterializer(source).materialize(List.of("new/file.txt", "out/"), scratch);

        assertThat(base.paths()).isEmpty();
        assertThat(Files.exists(scratch.resolve("new/file.txt"))).isFalse();
        assertThat(Files.isDirectory(scratch.resolve("out"))).isTrue();
    }

    @Test
    void aDeclaredPathLeavingTheScratchFolderIsRefused() {
        assertThatThrownBy(() -> new ScratchMaterializer(source).materialize(List.of("../x"), scratch))
                .isInstanceOf(IOException.class).hasMessageContaining("refusing");
        assertThat(source.read).isEmpty();
    }

    @Test
    void aListedPathLeavingTheScratchFolderIsRefused() {
        source.alwaysListed.add("src/../../escaped.txt");

        assertThatThrownBy(() -> new ScratchMaterializer(source).materialize(List.of("src/"), scratch))
                .isInstanceOf(IOException.class).hasMessageContaining("refusing");
        assertThat(scratch.getParent().resolve("escaped.txt")).doesNotExist();
    }
}

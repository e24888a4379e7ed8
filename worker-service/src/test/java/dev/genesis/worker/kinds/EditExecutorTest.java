package dev.genesis.worker.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.common.spec.Resources;
import dev.genesis.worker.spi.TaskOutcome;
import dev.genesis.worker.testing.StubContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditExecutorTest {

    private static final Resources WRITES_SRC = new Resources(List.of("src/"), List.of(), null);

    @TempDir
    Path scratch;

    private final EditExecutor edit = new EditExecutor();

    @Test
    void contentReplacesTheFile() throws Exception {
        TaskOutcome outcome = edit.execute(context(Map.of("path", "src/a.txt", "content", "new\n")));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(Files.readString(scratch.resolve("src/a.txt"))).isEqualTo("new\n");
    }

    @Test
    void aPatchIsAppliedToTheFetchedFile() throws Exception {
        write("src/a.txt", "one\ntwo\nthree\n");
        String patch = "--- a/src/a.txt\n+++ b/src/a.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n";

        TaskOutcome outcome = edit.execute(context(Map.of("path", "src/a.txt", "patch", patch)));

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(Files.readString(scratch.resolve("src/a.txt"))).isEqualTo("one\nTWO\nthree\n");
    }

    @Test
    void aPatchThatDoesNotApplyFailsWithoutRetry() throws Exception {
        write("src/a.txt", "one\ntwo\nthree\n");
        String patch = "--- a/src/a.txt\n+++ b/src/a.txt\n@@ -1,3 +1,3 @@\n uno\n-dos\n+DOS\n tres\n";

        TaskOutcome outcome = edit.execute(context(Map.of("path", "src/a.txt", "patch", patch)));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.error()).contains("does not apply");
        assertThat(Files.readString(scratch.resolve("src/a.txt"))).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    void textThatIsNoDiffFailsWithoutRetry() throws Exception {
        write("src/a.txt", "one\n");

        TaskOutcome outcome = edit.execute(context(Map.of("path", "src/a.txt", "patch", "just words")));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retryable()).isFalse();
    }

    @Test
    void aPathOutsideTheWritesFailsWithoutRetryAndIsNotFetched() throws Exception {
        StubContext context = context(Map.of("path", "docs/x.md", "content", "x"));

        TaskOutcome outcome = edit.execute(context);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.error()).contains("not under the task's writes");
        assertThat(edit.workspacePaths(context)).isEmpty();
        assertThat(Files.exists(scratch.resolve("docs/x.md"))).isFalse();
    }

    @Test
    void onlyTheEditedFileIsFetched() {
        assertThat(edit.workspacePaths(context(Map.of("path", "./src//a.txt", "content", "x"))))
                .containsExactly("src/a.txt");
    }

    private StubContext context(Map<String, Object> params) {
        return new StubContext(params, scratch, WRITES_SRC);
    }

    private void write(String path, String content) throws Exception {
        Files.createDirectories(scratch.resolve(path).getParent());
        Files.writeString(scratch.resolve(path), content);
    }
}

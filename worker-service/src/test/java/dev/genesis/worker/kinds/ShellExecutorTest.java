package dev.genesis.worker.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.genesis.worker.spi.TaskOutcome;
import dev.genesis.worker.testing.StubContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellExecutorTest {

    @TempDir
    Path workspace;

    @Test
    void cwdResolvesInsideTheScratchFolder() throws IOException {
        Path dir = ShellExecutor.workingDirectory(workspace, "sub/dir");

        assertThat(dir).startsWith(workspace);
        assertThat(Files.isDirectory(dir)).isTrue();
    }

    @Test
    void aProgramOutsideTheAllowListIsRefusedWithoutRetry() throws Exception {
        ShellExecutor shell = new ShellExecutor(List.of("echo"), 1_000);

        TaskOutcome outcome = shell.execute(new StubContext(Map.of("command", List.of("sh", "-c", "true")), workspace));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.error()).contains("'sh' is not allowed");
    }

    @Test
    void anAllowedProgramRunsInTheScratchFolder() throws Exception {
        ShellExecutor shell = new ShellExecutor(List.of("pwd"), 1_000);

        TaskOutcome outcome = shell.execute(new StubContext(Map.of("command", List.of("pwd")), workspace));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.output().strip()).isEqualTo(workspace.toRealPath().toString());
    }

    @Test
    void aCommandThatIsNotAListIsABadParameter() {
        ShellExecutor shell = new ShellExecutor(List.of(), 1_000);

        assertThatThrownBy(() -> shell.execute(new StubContext(Map.of("command", "echo hi"), workspace)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cwdCannotEscapeTheScratchFolder() {
        assertThatThrownBy(() -> ShellExecutor.workingDirectory(workspace, "../../etc"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

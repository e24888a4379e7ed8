package dev.genesis.worker.testing;

import dev.genesis.common.spec.Resources;
import dev.genesis.worker.spi.TaskContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A {@link TaskContext} for executor unit tests: given params, folder and resources, progress ignored. */
public record StubContext(Map<String, Object> params, Path workspace, Resources resources) implements TaskContext {

    public StubContext(Map<String, Object> params, Path workspace) {
        this(params, workspace, Resources.NONE);
    }

    @Override
    public UUID runId() {
        return new UUID(0, 1);
    }

    @Override
    public String taskId() {
        return "t";
    }

    @Override
    public int attempt() {
        return 1;
    }

    @Override
    public String workerId() {
        return "stub-worker";
    }

    @Override
    public Instant deadline() {
        return Instant.now().plusSeconds(60);
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void progress(Integer percent, String message) {
    }

    @Override
    public String coordinatorUrl() {
        return "http://127.0.0.1:1";
    }
}

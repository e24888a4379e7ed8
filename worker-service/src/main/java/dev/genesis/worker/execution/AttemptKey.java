package dev.genesis.worker.execution;

import dev.genesis.common.events.TaskDispatched;
import java.util.UUID;

/** One attempt of one task of one run: what a cancel request and a lock holder name. */
public record AttemptKey(UUID runId, String taskId, int attempt) {

    /** The lock holder string the coordinator expects: {@code runId/taskId#attempt}. */
    public String holder() {
        return TaskDispatched.holderOf(runId, taskId, attempt);
    }
}

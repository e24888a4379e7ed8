package dev.genesis.queue.store;

import dev.genesis.common.spec.ResourceMode;
import dev.genesis.common.spec.Resources;
import dev.genesis.common.spec.RetryPolicy;
import dev.genesis.common.state.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One task as the scheduler sees it: what it needs to decide and to dispatch. {@code continuation}
 * is the task held on this one's current attempt (see {@code Continuations}), or null.
 */
public record TaskRow(
        UUID runId,
        String taskId,
        String kind,
        String paramsJson,
        int priority,
        List<String> dependents,
        List<String> writes,
        List<String> reads,
        String mode,
        long timeoutMs,
        RetryPolicy retry,
        TaskState state,
        int attempt,
        int failures,
        String worker,
        Instant readyAt,
        long version,
        String continuation) {

    /** The row as a move to {@code next} leaves it: that state and worker, the next version. */
    public TaskRow moved(TaskState next, String newWorker) {
        return new TaskRow(runId, taskId, kind, paramsJson, priority, dependents, writes, reads, mode, timeoutMs, retry,
                next, attempt, failures, newWorker, readyAt, version + 1, continuation);
    }

    /** The row once {@code task} is held on it. */
    public TaskRow withContinuation(String task) {
        return new TaskRow(runId, taskId, kind, paramsJson, priority, dependents, writes, reads, mode, timeoutMs, retry,
                state, attempt, failures, worker, readyAt, version, task);
    }

    public Map<String, Object> params() {
        return StoredParams.parse(paramsJson, taskId);
    }

    public Resources resources() {
        return new Resources(writes, reads, ResourceMode.fromWire(mode));
    }
}

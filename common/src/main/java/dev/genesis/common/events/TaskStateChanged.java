package dev.genesis.common.events;

import dev.genesis.common.state.TaskState;
import java.time.Instant;
import java.util.UUID;

/**
 * queue → anyone: the queue recorded a new state for a task (the source of truth). {@code startedAt}
 * is set on an end state reached straight from DISPATCHED: a short attempt whose start the worker
 * reported inside its result, so that no RUNNING change was announced (null otherwise).
 */
public record TaskStateChanged(UUID runId, String taskId, TaskState state, int attempt, String workerId,
        Instant at, String error, Instant startedAt) implements GenesisEvent {

    /** A change that says nothing about when the attempt started. */
    public TaskStateChanged(UUID runId, String taskId, TaskState state, int attempt, String workerId, Instant at,
            String error) {
        this(runId, taskId, state, attempt, workerId, at, error, null);
    }

    @Override
    public String key() {
        return runId.toString();
    }
}

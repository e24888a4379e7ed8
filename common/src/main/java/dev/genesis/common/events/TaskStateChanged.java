package dev.genesis.common.events;

import dev.genesis.common.state.TaskState;
import java.time.Instant;
import java.util.UUID;

/** queue → anyone: the queue recorded a new state for a task (the source of truth). */
public record TaskStateChanged(UUID runId, String taskId, TaskState state, int attempt, String workerId,
        Instant at, String error) implements GenesisEvent {

    @Override
    public String key() {
        return runId.toString();
    }
}

package dev.genesis.common.events;

import java.time.Instant;
import java.util.UUID;

/** queue → worker: stop this attempt (its run was cancelled). */
public record TaskCancelRequested(UUID runId, String taskId, int attempt, String workerId, Instant at)
        implements GenesisEvent {

    @Override
    public String key() {
        return runId.toString();
    }
}

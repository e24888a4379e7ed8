package dev.genesis.common.events;

import java.time.Instant;
import java.util.UUID;

/** worker → queue: the attempt holds its locks and has begun. */
public record TaskStarted(UUID runId, String taskId, int attempt, String workerId, Instant at)
        implements GenesisEvent {

    @Override
    public String key() {
        return runId.toString();
    }
}

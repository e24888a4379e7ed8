package dev.genesis.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * worker → queue: the worker gives the attempt back unfinished (draining, lock not granted);
 * the queue runs it again without counting a failure.
 */
public record TaskHandedBack(UUID runId, String taskId, int attempt, String workerId, Instant at, String reason)
        implements GenesisEvent {

    @Override
    public String key() {
        return runId.toString();
    }
}

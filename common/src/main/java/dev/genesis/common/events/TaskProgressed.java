package dev.genesis.common.events;

import java.time.Instant;
import java.util.UUID;

/** worker → dashboard: how far a running attempt is (percent may be null) and what it says. */
public record TaskProgressed(UUID runId, String taskId, int attempt, String workerId, Integer percent,
        String message, Instant at) implements GenesisEvent {

    @Override
    public String key() {
        return runId.toString();
    }
}

package dev.genesis.common.events;

import java.time.Instant;
import java.util.UUID;

/** worker → queue: the attempt finished well; {@code output} is a short excerpt, if any. */
public record TaskSucceeded(UUID runId, String taskId, int attempt, String workerId, Instant at, String output)
        implements GenesisEvent {

    @Override
    public String key() {
        return runId.toString();
    }
}

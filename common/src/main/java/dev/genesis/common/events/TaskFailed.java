package dev.genesis.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * worker → queue: the attempt failed. {@code cause} is one of {@code error}, {@code timeout},
 * {@code cancelled}, {@code lock-lost}, {@code conflict}; {@code retryable} false means retrying
 * cannot help (bad parameters, say).
 */
public record TaskFailed(UUID runId, String taskId, int attempt, String workerId, Instant at, String cause,
        String error, boolean retryable) implements GenesisEvent {

    @Override
    public String key() {
        return runId.toString();
    }
}

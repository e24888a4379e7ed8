package dev.genesis.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * worker → queue: the attempt failed. {@code cause} is one of {@code error}, {@code timeout},
 * {@code cancelled}, {@code lock-lost}, {@code conflict}; {@code retryable} false means retrying
 * cannot help (bad parameters, say). {@code startedAt}, as in {@link TaskSucceeded}, is set when the
 * attempt ran but ended before its start was reported.
 */
public record TaskFailed(UUID runId, String taskId, int attempt, String workerId, Instant at, String cause,
        String error, boolean retryable, Instant startedAt) implements GenesisEvent {

    /** A failure whose start, if any, was reported on its own. */
    public TaskFailed(UUID runId, String taskId, int attempt, String workerId, Instant at, String cause,
            String error, boolean retryable) {
        this(runId, taskId, attempt, workerId, at, cause, error, retryable, null);
    }

    @Override
    public String key() {
        return runId.toString();
    }
}

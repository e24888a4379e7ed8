package dev.genesis.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * worker → queue: the attempt finished well; {@code output} is a short excerpt, if any.
 * {@code startedAt} is set when the attempt ended before its {@link TaskStarted} was sent: a
 * short attempt reports its start inside its result (null when a TaskStarted was sent).
 */
public record TaskSucceeded(UUID runId, String taskId, int attempt, String workerId, Instant at, String output,
        Instant startedAt) implements GenesisEvent {

    /** A success whose start was reported on its own. */
    public TaskSucceeded(UUID runId, String taskId, int attempt, String workerId, Instant at, String output) {
        this(runId, taskId, attempt, workerId, at, output, null);
    }

    @Override
    public String key() {
        return runId.toString();
    }
}

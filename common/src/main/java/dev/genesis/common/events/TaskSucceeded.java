package dev.genesis.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * worker → queue: the attempt finished well; {@code output} is a short excerpt, if any.
 * {@code startedAt} is set when the attempt ended before its {@link TaskStarted} was sent: a
 * short attempt reports its start inside its result (null when a TaskStarted was sent).
 * {@code leaseToRelease} is the lease the queue took for the attempt as it dispatched it
 * ({@link TaskDispatched#lease()}), when the worker leaves it to the queue to give back: the queue
 * releases it in the same request to the coordinator as the locks of what it dispatches next
 * (null when the worker released its locks itself, or held none).
 */
public record TaskSucceeded(UUID runId, String taskId, int attempt, String workerId, Instant at, String output,
        Instant startedAt, String leaseToRelease) implements GenesisEvent {

    /** A success whose locks, if any, the worker released itself. */
    public TaskSucceeded(UUID runId, String taskId, int attempt, String workerId, Instant at, String output,
            Instant startedAt) {
        this(runId, taskId, attempt, workerId, at, output, startedAt, null);
    }

    /** A success whose start was reported on its own. */
    public TaskSucceeded(UUID runId, String taskId, int attempt, String workerId, Instant at, String output) {
        this(runId, taskId, attempt, workerId, at, output, null);
    }

    /** This success, leaving the lease {@code leaseId} to the queue to release. */
    public TaskSucceeded leavingLease(String leaseId) {
        return new TaskSucceeded(runId, taskId, attempt, workerId, at, output, startedAt, leaseId);
    }

    @Override
    public String key() {
        return runId.toString();
    }
}

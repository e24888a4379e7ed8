package dev.genesis.common.state;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of one task. {@link #canMoveTo} is the only rule for changing a state; the
 * queue's store refuses any other move.
 */
public enum TaskState {
    /** Waits on dependencies. */
    PENDING,
    /** Every dependency succeeded; waits for a free slot (or a retry backoff, or a resource). */
    READY,
    /** Sent to a worker, not yet started. */
    DISPATCHED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** An upstream task failed for good. */
    SKIPPED,
    CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == SKIPPED || this == CANCELLED;
    }

    /** Holds a worker slot (or is about to). */
    public boolean isActive() {
        return this == DISPATCHED || this == RUNNING;
    }

    public boolean canMoveTo(TaskState next) {
        return allowedNext().contains(next);
    }

    private Set<TaskState> allowedNext() {
        return switch (this) {
            // PENDING -> DISPATCHED: a continuation, sent ahead to its last dependency's worker, whose
            // dependency just succeeded there.
            case PENDING -> EnumSet.of(READY, DISPATCHED, SKIPPED, CANCELLED);
            // READY -> READY: re-queued after a lost dispatch or a handed-back attempt.
            case READY -> EnumSet.of(READY, DISPATCHED, SKIPPED, CANCELLED);
            case DISPATCHED -> EnumSet.of(READY, RUNNING, SUCCEEDED, FAILED, CANCELLED);
            case RUNNING -> EnumSet.of(READY, SUCCEEDED, FAILED, CANCELLED);
            // Retrying a finished run brings failed, skipped and cancelled tasks back.
            case FAILED, SKIPPED, CANCELLED -> EnumSet.of(PENDING, READY);
            case SUCCEEDED -> EnumSet.noneOf(TaskState.class);
        };
    }
}

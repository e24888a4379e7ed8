package dev.genesis.coordinator.locks;

/**
 * What {@link LockManager#tryAcquireEach} answers for one request: its lease, or the conflict that
 * kept it from being granted. A conflict is an answer, not a failure, because the other requests
 * of the same call are granted regardless, and the refused set is asked for again by whoever runs
 * it (the queue's dispatch then goes without a lease, and its worker asks and waits).
 */
public sealed interface Grant {

    /** The whole set was granted. */
    record Granted(Lease lease) implements Grant {
    }

    /** Nothing was granted: {@code path} overlaps {@code heldPath}, held by {@code holder}. */
    record Conflict(String path, String holder, String heldPath) implements Grant {
    }
}

package dev.genesis.worker.execution;

import dev.genesis.worker.locks.Lease;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Leases of attempts that succeeded here and were left to the queue to release ({@code
 * TaskSucceeded.leaseToRelease}), remembered for a while: a continuation or relay of such an attempt
 * that runs next wants the same paths at once, before the queue has heard of the success, so its
 * worker takes the lease back and releases it itself. The most recent {@value #REMEMBERED} are kept;
 * one forgotten is released by the queue all the same.
 */
final class LeftLeases {

    private static final int REMEMBERED = 1_024;

    private final Map<AttemptKey, Lease> left = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<AttemptKey, Lease> eldest) {
            return size() > REMEMBERED;
        }
    };

    synchronized void left(AttemptKey attempt, Lease lease) {
        left.put(attempt, lease);
    }

    /** The lease left by {@code attempt}, now this worker's to release again; empty when none is remembered. */
    synchronized Optional<Lease> takeBack(AttemptKey attempt) {
        return Optional.ofNullable(left.remove(attempt));
    }
}

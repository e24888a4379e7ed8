package dev.genesis.coordinator.locks;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Fenced leases over workspace paths. Writes are exclusive, reads shared, a folder path
 * ({@code src/}) overlaps everything under it. Every method that cannot reach the store throws
 * {@link LockUnavailableException}: an error is never taken for a grant.
 */
public interface LockManager {

    /**
     * Grants the whole set or nothing, waiting up to {@code waitMs}.
     *
     * @throws LockConflictException when still in conflict at the end of the wait
     */
    Lease acquire(LockRequest request);

    /**
     * {@link #acquire} without holding a thread while it waits: completes with the lease, or
     * fails with {@link LockConflictException} or {@link LockUnavailableException}.
     */
    CompletionStage<Lease> acquireAsync(LockRequest request);

    /**
     * Gives up the leases {@code release} (unknown or expired ids are fine), then grants each
     * request wholly or not at all, independently of the others and without waiting ({@code
     * waitMs} is ignored), in one atomic step: each is checked, in order, against the live leases
     * and against the requests granted before it in the same call. A lease granted here is the same
     * as one from {@link #acquire}. Completes with how many of the given leases were live and one
     * {@link Grant} per request, in order, or fails with {@link LockUnavailableException}: then
     * none may be taken as granted (as with {@link #acquire}, a grant whose answer was lost on the
     * way lasts until it expires) nor as released.
     */
    CompletionStage<Grants> tryAcquireEach(List<String> release, List<LockRequest> requests);

    /** What {@link #tryAcquireEach} did: how many of the leases given up were live, and each grant. */
    record Grants(int released, List<Grant> grants) {
    }

    /** Extends a live lease by {@code leaseMs} from now; empty when it expired or was released. */
    Optional<Lease> renew(String leaseId, long leaseMs);

    /** Gives a lease up; unknown or expired ids are fine. */
    void release(String leaseId);

    /** {@link #release} without holding a thread; fails with {@link LockUnavailableException}. */
    CompletionStage<Void> releaseAsync(String leaseId);

    /** Releases every lease of an owner (a worker declared dead or stopped); answers how many. */
    int releaseAllOf(String owner);

    /** A live lease by id; empty when it expired or was released. */
    Optional<Lease> find(String leaseId);

    /** The live leases. */
    List<Lease> list();

    /** How many leases are live now (for the metrics; cheaper than {@link #list()}). */
    long activeLeases();

    /**
     * The newest token granted on any lock that covers {@code path} (0 when none), or the floor of
     * trimmed entries when that is newer: the fencing mark.
     */
    long newestToken(String path);

    /** What a {@link #trimFence} did: entries removed, and the floor now. */
    record FenceTrim(long removed, long floor) {
    }

    /**
     * Once more than {@code keep} paths have a fencing mark, forgets the marks older than every
     * live lease, keeping their newest token as a floor that every path's mark is at least.
     */
    FenceTrim trimFence(long keep);
}

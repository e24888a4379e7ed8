package dev.genesis.coordinator.changesets;

import dev.genesis.common.api.Problem;
import dev.genesis.common.spec.ResourcePaths;
import dev.genesis.coordinator.api.ProblemException;
import dev.genesis.coordinator.api.ProblemTypes;
import dev.genesis.coordinator.locks.Lease;
import dev.genesis.coordinator.locks.LockManager;
import dev.genesis.coordinator.locks.LockUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The fencing check of a changeset: its lease is alive, is the writer's, carries the token the
 * writer names, covers every path with a write lock, and no newer grant covers any of them.
 * It runs while the commit holds the rows of its paths, right before the writes.
 */
@ApplicationScoped
public class LeaseFence {

    private final LockManager locks;

    public LeaseFence(LockManager locks) {
        this.locks = locks;
    }

    /** Returns normally when the writes may land; throws a 409/403/503 problem otherwise. */
    public void verify(Changeset changeset) {
        try {
            Lease lease = locks.find(changeset.leaseId()).orElseThrow(() -> stale(
                    "lease " + changeset.leaseId() + " expired or was released"));
            if (!lease.holder().equals(changeset.origin().holder())) {
                throw stale("lease " + lease.leaseId() + " belongs to " + lease.holder() + ", not "
                        + changeset.origin().holder());
            }
            if (lease.token() != changeset.token()) {
                throw stale("token " + changeset.token() + " is not the token of lease " + lease.leaseId());
            }
            List<String> outside = changeset.paths().stream()
                    .filter(path -> lease.writes().stream().noneMatch(w -> ResourcePaths.overlap(w, path)))
                    .toList();
            if (!outside.isEmpty()) {
                throw new ProblemException(new Problem(ProblemTypes.OUTSIDE_WRITES, "Outside the task's writes", 403,
                        "not under the writes " + lease.writes() + " of lease " + lease.leaseId() + ": " + outside,
                        List.of()));
            }
            for (String path : changeset.paths()) {
                long newest = locks.newestToken(path);
                if (changeset.token() < newest) {
                    throw stale("token " + changeset.token() + " is older than " + newest + ", the newest grant on "
                            + path);
                }
            }
        } catch (LockUnavailableException e) {
            // Without the fence the writes cannot be proven safe, so they do not land.
            throw new ProblemException(503, "Lock store unavailable", "cannot check the fencing token: " + e.getMessage());
        }
    }

    private static ProblemException stale(String detail) {
        return new ProblemException(new Problem(ProblemTypes.STALE_TOKEN, "Stale fencing token", 409, detail,
                List.of()));
    }
}

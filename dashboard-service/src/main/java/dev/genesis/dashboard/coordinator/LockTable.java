package dev.genesis.dashboard.coordinator;

import dev.genesis.common.spec.ResourcePaths;
import dev.genesis.dashboard.board.LockView;
import dev.genesis.dashboard.board.LockWait;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Turns the coordinator's leases and waiters into the rows the dashboard shows. */
final class LockTable {

    private LockTable() {
    }

    /**
     * One row per locked path, oldest grant first.
     *
     * @param firstSeen when the dashboard first saw each lease, for leases without {@code acquiredAt}
     */
    static List<LockView> held(List<CoordinatorApi.Lease> leases, Map<String, Instant> firstSeen) {
        List<LockView> rows = new ArrayList<>();
        for (CoordinatorApi.Lease lease : leases) {
            Holder holder = Holder.parse(lease.holder());
            Instant acquiredAt = lease.acquiredAt() != null ? lease.acquiredAt() : firstSeen.get(lease.leaseId());
            for (String path : orEmpty(lease.writes())) {
                rows.add(row(lease, holder, path, "write", acquiredAt));
            }
            for (String path : orEmpty(lease.reads())) {
                rows.add(row(lease, holder, path, "read", acquiredAt));
            }
        }
        rows.sort(Comparator.comparing(LockView::acquiredAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(LockView::path));
        return rows;
    }

    /** Every waiter, oldest first, with the holders of the live leases in its way. */
    static List<LockWait> waiting(List<CoordinatorApi.Waiting> waiters, List<CoordinatorApi.Lease> leases) {
        List<LockWait> rows = new ArrayList<>();
        for (CoordinatorApi.Waiting wait : waiters) {
            List<String> writes = orEmpty(wait.writes());
            List<String> reads = orEmpty(wait.reads());
            List<String> blockedBy = leases.stream()
                    .filter(l -> !Objects.equals(l.holder(), wait.holder()))
                    .filter(l -> ResourcePaths.anyOverlap(writes, orEmpty(l.writes()))
                            || ResourcePaths.anyOverlap(writes, orEmpty(l.reads()))
                            || ResourcePaths.anyOverlap(reads, orEmpty(l.writes())))
                    .map(CoordinatorApi.Lease::holder)
                    .distinct()
                    .toList();
            Holder holder = Holder.parse(wait.holder());
            rows.add(new LockWait(wait.holder(), holder.runId(), holder.taskId(), holder.attempt(), wait.owner(),
                    wait.mode(), writes, reads, wait.since(), blockedBy));
        }
        rows.sort(Comparator.comparing(LockWait::since, Comparator.nullsLast(Comparator.naturalOrder())));
        return rows;
    }

    private static LockView row(CoordinatorApi.Lease lease, Holder holder, String path, String mode,
            Instant acquiredAt) {
        return new LockView(lease.leaseId(), path, mode, lease.holder(), holder.runId(), holder.taskId(),
                holder.attempt(), lease.owner(), lease.token(), acquiredAt, lease.expiresAt());
    }

    private static List<String> orEmpty(List<String> paths) {
        return paths == null ? List.of() : paths;
    }
}

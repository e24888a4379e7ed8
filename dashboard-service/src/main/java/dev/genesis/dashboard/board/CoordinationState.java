package dev.genesis.dashboard.board;

import java.util.List;
import java.util.Objects;

/**
 * The board's copy of the coordinator's locks and conflicts, with what changed since the last
 * delta. Both lists are short, so a change sends the whole list. A lease renewal moves only its
 * expiry, which is not a change worth a message. Not thread-safe: the {@link Board} calls it under
 * its lock.
 */
final class CoordinationState {

    private LocksView locks = LocksView.unknown();
    private List<ConflictView> conflicts = List.of();
    private boolean locksChanged;
    private boolean conflictsChanged;

    LocksView locks() {
        return locks;
    }

    List<ConflictView> conflicts() {
        return conflicts;
    }

    void locks(LocksView next) {
        if (!shape(next).equals(shape(locks))) {
            locksChanged = true;
        }
        locks = next;
    }

    void conflicts(List<ConflictView> next) {
        List<ConflictView> copy = List.copyOf(next);
        if (!copy.equals(conflicts)) {
            conflictsChanged = true;
        }
        conflicts = copy;
    }

    boolean hasChanges() {
        return locksChanged || conflictsChanged;
    }

    /** The locks when they changed since the last call, else null. */
    LocksView drainLocks() {
        boolean changed = locksChanged;
        locksChanged = false;
        return changed ? locks : null;
    }

    /** The conflicts when they changed since the last call, else null. */
    List<ConflictView> drainConflicts() {
        boolean changed = conflictsChanged;
        conflictsChanged = false;
        return changed ? conflicts : null;
    }

    /** What a page shows of the locks, without the expiries that every renewal moves. */
    private static List<Object> shape(LocksView view) {
        return List.of(view.reachable(),
                view.held().stream().map(l -> List.of(l.leaseId(), l.path(), l.mode(),
                        Objects.toString(l.acquiredAt()))).toList(),
                view.waiting());
    }
}

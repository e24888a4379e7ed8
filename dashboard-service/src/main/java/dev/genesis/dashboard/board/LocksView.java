package dev.genesis.dashboard.board;

import java.time.Instant;
import java.util.List;

/**
 * The locks as last read from the coordinator.
 *
 * @param reachable whether the last read succeeded; when not, the lists are the last ones known
 * @param checkedAt when the coordinator was last asked; null before the first attempt
 * @param held every locked path, oldest grant first
 * @param waiting the acquire requests still waiting, oldest first
 */
public record LocksView(boolean reachable, Instant checkedAt, List<LockView> held, List<LockWait> waiting) {

    static LocksView unknown() {
        return new LocksView(false, null, List.of(), List.of());
    }
}

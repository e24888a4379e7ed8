package dev.genesis.worker.locks;

import dev.genesis.common.spec.Resources;
import java.util.List;

/** The paths an attempt locks while it runs: exclusive writes and shared reads. */
public record LockSet(List<String> writes, List<String> reads) {

    public LockSet {
        writes = List.copyOf(writes);
        reads = List.copyOf(reads);
    }

    /**
     * What an attempt with these resources holds while it runs. Merge-mode writers run side by
     * side: they hold only their read locks then, and take the write locks for the moment of the
     * commit.
     */
    public static LockSet whileRunning(Resources resources) {
        if (resources == null) {
            return new LockSet(List.of(), List.of());
        }
        return new LockSet(resources.writesLockedWhileRunning(), resources.reads());
    }

    public boolean isEmpty() {
        return writes.isEmpty() && reads.isEmpty();
    }
}

package dev.genesis.worker.kinds;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The processes a task started, remembered while they run: once the first process has died its
 * orphans are no longer its descendants, so they must be known before, to be killed after.
 */
final class ProcessTree {

    private final ProcessHandle root;
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();

    ProcessTree(ProcessHandle root) {
        this.root = root;
    }

    /** Remembers the current descendants. */
    void refresh() {
        root.descendants().forEach(seen::add);
    }

    /** Kills every process of the tree, children before the root so that none can start another. */
    void killAll() {
        refresh();
        for (int pass = 0; pass < 3; pass++) {
            Set<ProcessHandle> snapshot = new LinkedHashSet<>(seen);
            for (ProcessHandle p : snapshot) {
                p.descendants().forEach(seen::add);
            }
            kill(seen);
            root.destroyForcibly();
            if (seen.stream().noneMatch(ProcessHandle::isAlive)) {
                return;
            }
        }
    }

    private static void kill(Collection<ProcessHandle> processes) {
        processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}

package dev.genesis.queue.scheduling;

import dev.genesis.queue.store.ActiveAttempt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The capacity one dispatch round can hand out: per worker, its free slots and then, for short
 * tasks only, the prefetch backlog it accepts in its local queue. A task goes to the worker with
 * the most free slots; a short task that finds no free slot goes to the worker with the most room
 * left in its backlog, so that it starts the moment one of that worker's slots frees. A worker
 * busy with anything not known to be short offers no backlog: a short task must not wait behind
 * a long one while another worker's slot frees.
 */
final class SlotPlan {

    private static final class Load {
        final int slots;
        final int limit;
        int taken;
        boolean onlyShortWork = true;

        Load(WorkerCapacity worker) {
            this.slots = worker.slots();
            this.limit = worker.slots() + worker.prefetch();
        }

        int freeSlots() {
            return Math.max(0, slots - taken);
        }

        int room() {
            return onlyShortWork ? Math.max(0, limit - taken) : freeSlots();
        }
    }

    private final Map<String, Load> loads = new HashMap<>();

    SlotPlan(List<WorkerCapacity> workers, List<ActiveAttempt> active, long shortMaxMs) {
        for (WorkerCapacity w : workers) {
            loads.put(w.workerId(), new Load(w));
        }
        for (ActiveAttempt attempt : active) {
            Load load = loads.get(attempt.worker());
            if (load != null) {
                load.taken++;
                load.onlyShortWork &= isShort(attempt.expectedMillis(), shortMaxMs);
            }
        }
    }

    /** Whether a task of this expected length may wait in a backlog ({@code shortMaxMs} 0: never). */
    static boolean isShort(OptionalLong expectedMillis, long shortMaxMs) {
        return shortMaxMs > 0 && expectedMillis.isPresent() && expectedMillis.getAsLong() <= shortMaxMs;
    }

    /** How many tasks this round could place at most (slots and backlogs). */
    int room() {
        return loads.values().stream().mapToInt(Load::room).sum();
    }

    /**
     * Takes a place for one task: a free slot, or for a {@code shortTask} a place in a backlog;
     * empty when there is none for it.
     */
    Optional<String> place(boolean shortTask) {
        String best = null;
        int bestFree = 0;
        for (Map.Entry<String, Load> e : loads.entrySet()) {
            int free = e.getValue().freeSlots();
            if (free > bestFree) {
                best = e.getKey();
                bestFree = free;
            }
        }
        if (best == null && shortTask) {
            int bestRoom = 0;
            for (Map.Entry<String, Load> e : loads.entrySet()) {
                int room = e.getValue().room();
                if (room > bestRoom) {
                    best = e.getKey();
                    bestRoom = room;
                }
            }
        }
        if (best != null) {
            Load load = loads.get(best);
            load.taken++;
            load.onlyShortWork &= shortTask;
        }
        return Optional.ofNullable(best);
    }
}

package dev.genesis.queue.scheduling;

import dev.genesis.queue.store.ActiveAttempt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The capacity one dispatch round can hand out: per worker, its free slots and then, for short
 * tasks only, the prefetch backlog it accepts in its local queue. A task goes to the worker with
 * the most free slots; a short task that finds no free slot goes to the worker with the most room left
 * in its backlog, so that it starts the moment one of that worker's slots frees.
 */
final class SlotPlan {

    private static final class Load {
        final int slots;
        final int limit;
        int taken;

        Load(WorkerCapacity worker) {
            this.slots = worker.slots();
            this.limit = worker.slots() + worker.prefetch();
        }

        int freeSlots() {
            return Math.max(0, slots - taken);
        }

        int room() {
            return Math.max(0, limit - taken);
        }
    }

    private final Map<String, Load> loads = new HashMap<>();

    SlotPlan(List<WorkerCapacity> workers, List<ActiveAttempt> active) {
        for (WorkerCapacity w : workers) {
            loads.put(w.workerId(), new Load(w));
        }
        for (ActiveAttempt attempt : active) {
            Load load = loads.get(attempt.worker());
            if (load != null) {
                load.taken++;
            }
        }
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
            loads.get(best).taken++;
        }
        return Optional.ofNullable(best);
    }
}

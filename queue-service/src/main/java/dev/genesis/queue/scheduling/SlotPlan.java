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
 *
 * <p>A backlog is bounded twice: by the count the worker accepts (its prefetch) and by expected
 * work: everything a worker has (running and waiting, each counted at least 1 ms) adds up to at
 * most {@code 2 × slots × shortMaxMs}. That is one task of the longest short kind per slot
 * waiting beside one per slot running, as before the bound existed, while tasks that take
 * next to nothing (noop) may queue deeper: each round trip then moves many of them, which is
 * what lets a busy stack run thousands a second. Work parked on a worker is thus at most
 * {@code shortMaxMs} per slot, which bounds how long a task there waits while another worker's
 * slot frees, and how far a later, higher-priority task waits behind it.
 */
final class SlotPlan {

    /** The least a task is counted as, in expected work: even a noop occupies its slot a little. */
    private static final long MIN_TASK_MS = 1;

    private static final class Load {
        final int slots;
        final int limit;
        final long workBudgetMs;
        int taken;
        long workMs;
        boolean onlyShortWork = true;

        Load(WorkerCapacity worker, long shortMaxMs) {
            this.slots = worker.slots();
            this.limit = worker.slots() + worker.prefetch();
            this.workBudgetMs = 2L * worker.slots() * shortMaxMs;
        }

        void take(OptionalLong expectedMillis, boolean shortTask) {
            taken++;
            onlyShortWork &= shortTask;
            if (shortTask) {
                workMs += Math.max(MIN_TASK_MS, expectedMillis.getAsLong());
            }
        }

        int freeSlots() {
            return Math.max(0, slots - taken);
        }

        int room() {
            return onlyShortWork ? Math.max(0, limit - taken) : freeSlots();
        }

        /** Whether a short task of {@code ms} may wait in the backlog. */
        boolean backlogTakes(long ms) {
            return onlyShortWork && taken < limit && workMs + Math.max(MIN_TASK_MS, ms) <= workBudgetMs;
        }
    }

    private final Map<String, Load> loads = new HashMap<>();
    private final long shortMaxMs;

    SlotPlan(List<WorkerCapacity> workers, List<ActiveAttempt> active, long shortMaxMs) {
        this.shortMaxMs = shortMaxMs;
        for (WorkerCapacity w : workers) {
            loads.put(w.workerId(), new Load(w, shortMaxMs));
        }
        for (ActiveAttempt attempt : active) {
            Load load = loads.get(attempt.worker());
            if (load != null) {
                load.take(attempt.expectedMillis(), isShort(attempt.expectedMillis(), shortMaxMs));
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
     * Takes a place for one task of this expected length: a free slot, or for a short task a place
     * in a backlog; empty when there is none for it.
     */
    Optional<String> place(OptionalLong expectedMillis) {
        boolean shortTask = isShort(expectedMillis, shortMaxMs);
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
                if (room > bestRoom && e.getValue().backlogTakes(expectedMillis.getAsLong())) {
                    best = e.getKey();
                    bestRoom = room;
                }
            }
        }
        if (best != null) {
            loads.get(best).take(expectedMillis, shortTask);
        }
        return Optional.ofNullable(best);
    }
}

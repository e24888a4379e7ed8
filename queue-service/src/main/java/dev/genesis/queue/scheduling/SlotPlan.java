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
 * <p>How deep a backlog is depends on the task: one that takes next to nothing (expected at most
 * {@value #INSTANT_MS} ms: {@code noop}, {@code fail}) may fill the worker's whole prefetch, so that
 * each round trip moves many of them, which is what lets a busy stack run a thousand a second; any
 * other short task waits while the worker has at most one per slot waiting. Only when more tasks
 * are READY than the free slots and one waiting per slot could take ({@link #plentyFor}) may quick
 * ones (at most {@value #QUICK_MS} ms) queue beyond that, while all the work on the worker (running
 * and waiting, in expected milliseconds) stays within {@value #QUICK_WORK_MS_PER_SLOT} ms per slot:
 * a loaded round trip's worth (20–40 ms on a busy 2-core host), so that a slot that frees finds
 * its next task at hand. When READY tasks are few, a deeper backlog would hoard them on one worker
 * while another's slot frees (random-1000, tasks of 5–50 ms: 1.5 → 2.0 × its lower bound with the
 * budget always on; random-5000, 1–10 ms: 7.9 → 3.6). Deeper backlogs of 20–200 ms sleeps (a
 * budget of 2 × slots × prefetch-max-ms) were measured to unbalance the workers too.
 *
 * <p>Plenty was once "more READY than the round could place with every backlog full", which a run
 * of a hundred quick tasks on three workers never reached (the prefetch lets instant tasks count
 * thirty per worker): seismology waited one per slot for each result's round trip. Counting the
 * one-per-slot places instead took seismology from 4.2–6.2 to 3.3–4.3 × its bound and montage
 * from 1.8–1.9 to 1.6 (side by side on one warm stack, README); letting tasks of up to 30 ms use
 * the budget too was worse (4.0–4.5 and 1.8). Doubling the budget from 30 to 60 ms per slot then
 * took random-5000 from 2.37–3.41 to 2.04–2.14 and seismology's median from 3.60 to 3.35, with
 * random-1000, montage and the diamond unchanged or better (three pairs, README).
 */
final class SlotPlan {

    /** Tasks expected to take at most this long may fill a backlog to the worker's whole prefetch. */
    static final long INSTANT_MS = 1;
    /** Tasks expected to take at most this long may queue beyond one per slot (see {@link #QUICK_WORK_MS_PER_SLOT}). */
    static final long QUICK_MS = 10;
    /** Quick tasks may queue beyond one per slot while the worker's work stays within this per slot. */
    static final long QUICK_WORK_MS_PER_SLOT = 60;

    private static final class Load {
        final int slots;
        final int limit;
        final int shortLimit;
        int taken;
        /** Expected milliseconds of everything taken (all of it short while {@link #onlyShortWork}). */
        long work;
        boolean onlyShortWork = true;

        Load(WorkerCapacity worker) {
            this.slots = worker.slots();
            this.limit = worker.slots() + worker.prefetch();
            this.shortLimit = worker.slots() + Math.min(worker.prefetch(), worker.slots());
        }

        void take(boolean shortTask, long expectedMs) {
            taken++;
            work += expectedMs;
            onlyShortWork &= shortTask;
        }

        int freeSlots() {
            return Math.max(0, slots - taken);
        }

        int room() {
            return onlyShortWork ? Math.max(0, limit - taken) : freeSlots();
        }

        /** Free slots, and while only short work is here, the places left of one waiting per slot. */
        int oneEachRoom() {
            return onlyShortWork ? Math.max(0, shortLimit - taken) : freeSlots();
        }

        /**
         * Whether a short task may wait in the backlog: an instant one up to the prefetch, others one
         * per slot, or, when READY tasks are plenty, up to the prefetch while the worker's work stays
         * within the per-slot budget.
         */
        boolean backlogTakes(long expectedMs, boolean plenty) {
            if (!onlyShortWork || taken >= limit) {
                return false;
            }
            return expectedMs <= INSTANT_MS || taken < shortLimit
                    || plenty && expectedMs <= QUICK_MS && work + expectedMs <= slots * QUICK_WORK_MS_PER_SLOT;
        }
    }

    private final Map<String, Load> loads = new HashMap<>();
    private final long shortMaxMs;

    SlotPlan(List<WorkerCapacity> workers, List<ActiveAttempt> active, long shortMaxMs) {
        this.shortMaxMs = shortMaxMs;
        for (WorkerCapacity w : workers) {
            loads.put(w.workerId(), new Load(w));
        }
        for (ActiveAttempt attempt : active) {
            Load load = loads.get(attempt.worker());
            if (load != null) {
                load.take(isShort(attempt.expectedMillis(), shortMaxMs), attempt.expectedMillis().orElse(0));
            }
        }
    }

    /** Whether a task of this expected length may wait in a backlog ({@code shortMaxMs} 0: never). */
    static boolean isShort(OptionalLong expectedMillis, long shortMaxMs) {
        return shortMaxMs > 0 && expectedMillis.isPresent() && expectedMillis.getAsLong() <= shortMaxMs;
    }

    /**
     * Whether {@code ready} READY tasks are more than the free slots and one waiting per slot could
     * take, on every worker together (asked before placing): then quick tasks may queue by the work
     * budget, since there are more than enough to give every slot one waiting task.
     */
    boolean plentyFor(int ready) {
        return ready > loads.values().stream().mapToInt(Load::oneEachRoom).sum();
    }

    /** How many tasks this round could place at most (slots and backlogs). */
    int room() {
        return loads.values().stream().mapToInt(Load::room).sum();
    }

    /** {@link #place(OptionalLong, boolean)} when READY tasks are few. */
    Optional<String> place(OptionalLong expectedMillis) {
        return place(expectedMillis, false);
    }

    /**
     * Takes a place for one task of this expected length: a free slot, or for a short task a place
     * in a backlog ({@code plenty}: see {@link #plentyFor}); empty when
     * there is none for it.
     */
    Optional<String> place(OptionalLong expectedMillis, boolean plenty) {
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
                if (room > bestRoom && e.getValue().backlogTakes(expectedMillis.getAsLong(), plenty)) {
                    best = e.getKey();
                    bestRoom = room;
                }
            }
        }
        if (best != null) {
            loads.get(best).take(shortTask, expectedMillis.orElse(0));
        }
        return Optional.ofNullable(best);
    }
}

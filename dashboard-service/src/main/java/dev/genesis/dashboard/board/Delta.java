package dev.genesis.dashboard.board;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What changed on the board since the previous batch. {@code kind} is {@code hello} for the first
 * message of a stream (no changes, just the totals) and {@code delta} afterwards.
 */
public record Delta(String kind, long seq, Instant at, List<RunSummary> runs, List<TaskView> tasks,
        List<WorkerView> workers, List<UUID> removedRuns, List<String> removedWorkers, Stats stats) {

    public boolean isEmpty() {
        return runs.isEmpty() && tasks.isEmpty() && workers.isEmpty() && removedRuns.isEmpty()
                && removedWorkers.isEmpty();
    }
}

package dev.genesis.dashboard.board;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What changed on the board since the previous batch. {@code kind} is {@code hello} for the first
 * message of a stream (no changes, just the totals) and {@code delta} afterwards.
 *
 * @param firstEventAt when the oldest run or task event in this batch happened (its own {@code at});
 *        null when the batch holds only worker changes. The page measures its update lag from it.
 * @param lastEventAt when the newest run or task event in this batch happened
 * @param series the seconds of the activity series that changed (new finishes, new latency
 *        samples): each replaces the page's point for that second
 * @param locks the whole locks view when it changed, else null
 * @param conflicts the whole list of recent conflicts when it changed, else null
 */
public record Delta(String kind, long seq, Instant at, List<RunSummary> runs, List<TaskView> tasks,
        List<WorkerView> workers, List<UUID> removedRuns, List<String> removedWorkers, Stats stats,
        Instant firstEventAt, Instant lastEventAt, List<SeriesPoint> series, LocksView locks,
        List<ConflictView> conflicts) {

    public boolean isEmpty() {
        return runs.isEmpty() && tasks.isEmpty() && workers.isEmpty() && removedRuns.isEmpty()
                && removedWorkers.isEmpty() && series.isEmpty() && locks == null && conflicts == null;
    }
}

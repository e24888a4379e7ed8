package dev.genesis.bench.api;

import java.time.Instant;
import java.util.Map;

/** One line of {@code GET /api/runs}: a run and how many of its tasks are in each state. */
public record RunSummaryView(String id, String name, String state, Instant createdAt, Instant finishedAt,
        int taskCount, Map<String, Integer> counts) {

    public RunSummaryView {
        counts = counts == null ? Map.of() : counts;
    }

    /** Tasks in a terminal state, for the progress bar. */
    public long finishedTasks() {
        return TaskView.TERMINAL.stream().mapToLong(s -> counts.getOrDefault(s, 0)).sum();
    }
}

package dev.genesis.bench.api;

import java.time.Instant;
import java.util.List;

/** A run as {@code GET /api/runs/{id}} returns it; missing fields are null. */
public record RunView(String id, String name, String state, Instant createdAt, Instant finishedAt,
        List<TaskView> tasks) {

    public RunView {
        tasks = tasks == null ? List.of() : tasks;
    }

    public boolean isRunning() {
        return state == null || "RUNNING".equals(state);
    }

    /** Tasks in a terminal state, for the progress bar. */
    public long finishedTasks() {
        return tasks.stream().filter(TaskView::isTerminal).count();
    }

    public TaskView task(String taskId) {
        return tasks.stream().filter(t -> taskId.equals(t.id())).findFirst().orElse(null);
    }
}

package dev.genesis.bench.api;

/** A run as {@code GET /api/runs/{id}/progress} returns it: its row alone, no tasks. */
public record RunProgressView(String id, String state, int taskCount, int finishedTasks) {

    public boolean isRunning() {
        return state == null || "RUNNING".equals(state);
    }
}

package dev.genesis.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** How far a run is, as {@code GET /api/runs/{id}/progress} shows it (the run's row, no tasks). */
record RunProgress(String state, int taskCount, int finishedTasks) {

    static RunProgress from(JsonNode json) {
        return new RunProgress(json.path("state").asText(), json.path("taskCount").asInt(),
                json.path("finishedTasks").asInt());
    }

    /** The same figures counted from a full run. */
    static RunProgress of(RunView run) {
        return new RunProgress(run.state(), run.tasks().size(), (int) run.terminalCount());
    }

    boolean isFinished() {
        return !"RUNNING".equals(state);
    }
}

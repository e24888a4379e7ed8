package dev.genesis.bench.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** One task of a {@link RunView}; timestamps are null until the task reaches that point. */
public record TaskView(String id, String kind, String state, Integer priority, Integer attempt, String worker,
        List<String> dependsOn, Instant readyAt, Instant startedAt, Instant finishedAt, String error) {

    static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "SKIPPED", "CANCELLED");

    public boolean isTerminal() {
        return state != null && TERMINAL.contains(state);
    }

    public int attemptOrZero() {
        return attempt == null ? 0 : attempt;
    }
}

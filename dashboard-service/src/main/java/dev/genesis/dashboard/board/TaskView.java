package dev.genesis.dashboard.board;

import dev.genesis.common.state.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A task as the dashboard shows it; {@code durationMs} runs on while the task runs. */
public record TaskView(UUID runId, String id, String kind, TaskState state, int priority, int attempt, String worker,
        Integer progress, String message, List<String> dependsOn, Instant readyAt, Instant startedAt,
        Instant finishedAt, Long durationMs, String error) {
}

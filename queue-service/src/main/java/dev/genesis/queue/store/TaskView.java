package dev.genesis.queue.store;

import dev.genesis.common.state.TaskState;
import java.time.Instant;
import java.util.List;

/** One task inside a {@link RunView}. */
public record TaskView(String id, String kind, TaskState state, int priority, int attempt, String worker,
        List<String> dependsOn, Instant readyAt, Instant startedAt, Instant finishedAt, String error) {
}

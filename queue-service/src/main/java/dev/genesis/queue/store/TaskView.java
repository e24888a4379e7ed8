package dev.genesis.queue.store;

import dev.genesis.common.state.TaskState;
import java.time.Instant;
import java.util.List;

/**
 * One task inside a {@link RunView}. {@code effectivePriority} is the priority the dispatcher
 * orders by: the task's priority plus what it gained by ageing while it waited READY.
 */
public record TaskView(String id, String kind, TaskState state, int priority, int attempt, String worker,
        List<String> dependsOn, Instant readyAt, Instant startedAt, Instant finishedAt, String error,
        int effectivePriority) {
}

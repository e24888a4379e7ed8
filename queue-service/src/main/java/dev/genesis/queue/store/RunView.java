package dev.genesis.queue.store;

import dev.genesis.common.state.RunState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A run with every task, as {@code GET /api/runs/{id}} returns it. */
public record RunView(UUID id, String name, RunState state, Instant createdAt, Instant finishedAt,
        List<TaskView> tasks) {
}

package dev.genesis.dashboard.board;

import dev.genesis.common.state.RunState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A run as queue-service's REST API returns it; {@code tasks} is null in list pages. */
public record RunSnapshot(UUID id, String name, RunState state, Instant createdAt, Instant finishedAt,
        List<TaskSnapshot> tasks) {
}

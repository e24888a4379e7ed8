package dev.genesis.dashboard.board;

import dev.genesis.common.state.TaskState;
import java.time.Instant;
import java.util.List;

/** One task of a {@link RunSnapshot}, as queue-service's REST API returns it. */
public record TaskSnapshot(String id, String kind, TaskState state, Integer priority, Integer attempt, String worker,
        List<String> dependsOn, Instant readyAt, Instant startedAt, Instant finishedAt, String error) {
}

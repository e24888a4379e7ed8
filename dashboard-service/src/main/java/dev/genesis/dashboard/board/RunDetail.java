package dev.genesis.dashboard.board;

import dev.genesis.common.state.RunState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A run with every task, for the run page. */
public record RunDetail(UUID id, String name, RunState state, Instant createdAt, Instant finishedAt,
        RunFigures figures, List<TaskView> tasks) {
}

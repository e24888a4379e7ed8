package dev.genesis.dashboard.board;

import dev.genesis.common.state.RunState;
import java.time.Instant;
import java.util.UUID;

/** A run in the runs list: its state and derived figures, without tasks. */
public record RunSummary(UUID id, String name, RunState state, Instant createdAt, Instant finishedAt,
        RunFigures figures) {
}

package dev.genesis.queue.store;

import dev.genesis.common.state.RunState;
import java.time.Instant;
import java.util.UUID;

/**
 * How far a run is, from its own row alone: what {@code GET /api/runs/{id}/progress} returns for
 * clients that poll a run (a progress bar, a benchmark waiting for the end) and need neither its
 * tasks nor their states, which would cost a read of every task row per poll.
 *
 * @param openTasks tasks not yet in a terminal state
 * @param finishedTasks tasks in a terminal state (succeeded, failed, skipped or cancelled)
 */
public record RunProgress(UUID id, String name, RunState state, Instant createdAt, Instant finishedAt,
        int taskCount, int openTasks, int finishedTasks) {
}

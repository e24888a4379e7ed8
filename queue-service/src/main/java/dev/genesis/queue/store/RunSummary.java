package dev.genesis.queue.store;

import dev.genesis.common.state.RunState;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One line of the run list: the run and how many of its tasks are in each state. */
public record RunSummary(UUID id, String name, RunState state, Instant createdAt, Instant finishedAt, int taskCount,
        Map<String, Integer> counts) {
}

package dev.genesis.queue.store;

import dev.genesis.common.state.RunState;
import java.util.UUID;

/** The run columns the scheduler decides with. */
public record RunRow(UUID id, String name, RunState state, int openTasks, boolean cancelRequested, long version) {
}

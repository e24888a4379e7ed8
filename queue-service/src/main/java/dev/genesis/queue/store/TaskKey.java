package dev.genesis.queue.store;

import java.util.UUID;

/** A task's primary key: its run and its id within the run. */
public record TaskKey(UUID runId, String taskId) {
}

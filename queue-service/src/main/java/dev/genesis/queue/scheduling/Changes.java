package dev.genesis.queue.scheduling;

import dev.genesis.queue.messaging.Outbox;
import dev.genesis.queue.store.TaskKey;
import dev.genesis.queue.store.TaskRow;
import dev.genesis.queue.store.TaskWrites;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What one transaction changed: the events to publish after commit and, per run, how many tasks
 * became terminal (so the run's end is found from a counter, not a scan).
 */
public final class Changes {

    final Outbox outbox = new Outbox();
    final Map<UUID, Integer> openDelta = new HashMap<>();
    final Map<UUID, Boolean> cancelRequested = new HashMap<>();
    /** Task writes held back until {@link TaskTransitions#finishRuns}. */
    final TaskWrites writes = new TaskWrites();
    /** The rows this transaction locked, as its held-back moves leave them. */
    final Map<TaskKey, TaskRow> rows = new HashMap<>();
    boolean wakeDispatcher;
    /** The highest priority of a READY task, read once per transaction when a continuation needs it. */
    Integer readyFloor;

    public Outbox outbox() {
        return outbox;
    }

    void closed(UUID runId, int tasks) {
        if (tasks != 0) {
            openDelta.merge(runId, -tasks, Integer::sum);
        }
    }
}

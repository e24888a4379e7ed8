package dev.genesis.common.events;

import java.util.List;
import java.util.UUID;

/**
 * queue → anyone: several task state changes of one run that one transaction recorded, in the
 * order it recorded them, sent as one record. Each element means exactly what it would mean as a
 * record of its own; a reader applies them in order. (A busy run's transaction changes several
 * tasks at once, and the queue had sent 2.2 records per task on {@code genesis.runs.events}, more
 * than on any other topic, each encoded, stored and decoded on its own.)
 */
public record TaskStateBatch(UUID runId, List<TaskStateChanged> changes) implements GenesisEvent {

    public TaskStateBatch {
        changes = OneRunBatch.elements(runId, changes, TaskStateChanged::runId, "state", "change");
    }

    @Override
    public String key() {
        return runId.toString();
    }
}

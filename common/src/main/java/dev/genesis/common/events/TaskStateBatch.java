package dev.genesis.common.events;

import java.util.List;
import java.util.Objects;
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
        Objects.requireNonNull(runId, "runId");
        changes = List.copyOf(changes);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a state batch holds at least one change");
        }
        for (TaskStateChanged c : changes) {
            if (!runId.equals(c.runId())) {
                throw new IllegalArgumentException("change of run " + c.runId() + " in a batch of run " + runId);
            }
        }
    }

    @Override
    public String key() {
        return runId.toString();
    }
}

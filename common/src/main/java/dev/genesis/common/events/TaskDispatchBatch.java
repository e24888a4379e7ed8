package dev.genesis.common.events;

import java.util.List;
import java.util.UUID;

/**
 * queue → worker: several dispatches of one run for one worker, in dispatch order, sent as one
 * record where a dispatch round gives that worker more than one task of the run. Each element
 * means exactly what it would mean as a record of its own; a worker takes them in order.
 * (One record instead of several: a 9-wide fan-out becomes three records instead of nine, and
 * a worker decodes and hands over its tasks at once.)
 */
public record TaskDispatchBatch(UUID runId, List<TaskDispatched> dispatches) implements GenesisEvent {

    public TaskDispatchBatch {
        dispatches = OneRunBatch.elements(runId, dispatches, TaskDispatched::runId, "dispatch", "dispatch");
    }

    @Override
    public String key() {
        return runId.toString();
    }
}

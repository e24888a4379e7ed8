package dev.genesis.common.events;

import dev.genesis.common.spec.Resources;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * queue → worker: run attempt {@code attempt} of a task. {@code workerId} is the worker whose
 * free slot the queue counted on (the owner of the partition it was sent to). {@code startBy} is
 * when the queue stops waiting to hear of the attempt's start and dispatches the task again (its
 * dispatch timeout after {@code dispatchedAt}); null from a queue older than the field.
 */
public record TaskDispatched(
        UUID runId,
        String taskId,
        int attempt,
        String kind,
        Map<String, Object> params,
        Resources resources,
        long timeoutMs,
        int priority,
        String workerId,
        Instant dispatchedAt,
        Instant startBy) implements GenesisEvent {

    @Override
    public String key() {
        return runId.toString();
    }
}

package dev.genesis.common.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * worker → coordinator, queue, dashboard: alive, with capacity. {@code partitions} are the
 * partitions of {@code genesis.tasks.ready} this worker consumes, which is how the queue sends a
 * task to a chosen worker's free slot.
 */
public record WorkerHeartbeat(
        String workerId,
        String host,
        String url,
        int slots,
        int freeSlots,
        List<Integer> partitions,
        List<RunningTask> running,
        boolean draining,
        Instant at) implements GenesisEvent {

    /** One attempt a worker is running. */
    public record RunningTask(UUID runId, String taskId, int attempt, Integer percent, Instant startedAt) {
    }

    @Override
    public String key() {
        return workerId;
    }
}

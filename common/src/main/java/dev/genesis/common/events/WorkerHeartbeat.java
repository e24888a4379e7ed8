package dev.genesis.common.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * worker → coordinator, queue, dashboard: alive, with capacity. {@code partitions} are the
 * partitions of {@code genesis.tasks.ready} this worker consumes, which is how the queue sends a
 * task to a chosen worker's free slot. {@code prefetch} is how many short tasks the worker accepts
 * beyond its slots, waiting in its local queue, so that its slots never idle for a round trip
 * (0 when absent: a worker that says nothing gets exactly its slots).
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
        int prefetch,
        Instant at) implements GenesisEvent {

    /** A heartbeat without prefetch: the worker takes no more dispatches than its slots. */
    public WorkerHeartbeat(String workerId, String host, String url, int slots, int freeSlots, List<Integer> partitions,
            List<RunningTask> running, boolean draining, Instant at) {
        this(workerId, host, url, slots, freeSlots, partitions, running, draining, 0, at);
    }

    /** One attempt a worker is running. */
    public record RunningTask(UUID runId, String taskId, int attempt, Integer percent, Instant startedAt) {
    }

    @Override
    public String key() {
        return workerId;
    }
}

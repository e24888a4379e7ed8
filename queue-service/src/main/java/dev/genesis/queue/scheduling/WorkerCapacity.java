package dev.genesis.queue.scheduling;

import java.time.Instant;
import java.util.List;

/**
 * What a worker last said about itself: its slots, how many short tasks it takes beyond them
 * (prefetch), the ready-topic partitions it owns, whether it drains.
 */
public record WorkerCapacity(String workerId, int slots, int prefetch, List<Integer> partitions, boolean draining,
        Instant lastSeen) {

    /** A worker that takes no more than its slots. */
    public WorkerCapacity(String workerId, int slots, List<Integer> partitions, boolean draining, Instant lastSeen) {
        this(workerId, slots, 0, partitions, draining, lastSeen);
    }

    /** Whether a dispatch can be counted on this worker at all. */
    public boolean accepting() {
        return !draining && slots > 0 && !partitions.isEmpty();
    }
}

package dev.genesis.coordinator.locks;

import java.util.List;

/**
 * What a task asks for: its whole resource set at once. Paths are normalized and validated by
 * the caller ({@link LockRequests#problems} and {@link LockRequests#normalized}).
 */
public record LockRequest(String owner, String holder, List<String> writes, List<String> reads, long leaseMs,
        long waitMs) {

    public LockRequest {
        writes = List.copyOf(writes);
        reads = List.copyOf(reads);
    }
}

package dev.genesis.dashboard.board;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An acquire request that waits for its whole set of paths.
 *
 * @param mode {@code write} when it wants any path for writing, else {@code read}
 * @param blockedBy the holders of the live leases that overlap what it wants
 */
public record LockWait(String holder, UUID runId, String taskId, Integer attempt, String worker, String mode,
        List<String> writes, List<String> reads, Instant since, List<String> blockedBy) {
}

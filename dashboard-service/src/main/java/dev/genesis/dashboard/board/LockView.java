package dev.genesis.dashboard.board;

import java.time.Instant;
import java.util.UUID;

/**
 * One locked path: a lease over several paths is one row per path.
 *
 * @param mode {@code write} (exclusive) or {@code read} (shared)
 * @param holder the lease's holder as the worker named it, {@code runId/taskId#attempt}
 * @param runId the run of the holder, null when the holder is not in that form (also taskId, attempt)
 * @param worker the worker that owns the lease
 * @param acquiredAt when the coordinator granted it; when the coordinator does not say, when the
 *        dashboard first saw it
 */
public record LockView(String leaseId, String path, String mode, String holder, UUID runId, String taskId,
        Integer attempt, String worker, long token, Instant acquiredAt, Instant expiresAt) {
}

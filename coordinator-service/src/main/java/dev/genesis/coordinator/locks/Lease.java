package dev.genesis.coordinator.locks;

import java.time.Instant;
import java.util.List;

/**
 * A granted lock set: one fencing token covers every path in it until {@code expiresAt}.
 * {@code acquiredAt} is when it was granted (null for a lease granted before that was recorded).
 */
public record Lease(String leaseId, long token, String owner, String holder, List<String> writes,
        List<String> reads, Instant expiresAt, Instant acquiredAt) {
}

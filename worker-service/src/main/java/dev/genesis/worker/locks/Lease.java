package dev.genesis.worker.locks;

import java.time.Instant;

/** Locks granted to one attempt: the lease to renew and release, and its fencing token. */
public record Lease(String leaseId, long token, Instant expiresAt) {
}

package dev.genesis.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * queue → anyone: a finished run and its {@code taskCount} tasks were deleted, by its retention ({@code reason}
 * {@code retention}) or on request ({@code request}). Nothing of it can be read afterwards.
 */
public record RunDeleted(UUID runId, String name, int taskCount, String reason, Instant at) implements GenesisEvent {

    /** Deleted because it finished longer ago than the queue's retention. */
    public static final String RETENTION = "retention";
    /** Deleted through {@code DELETE /api/runs/{id}}. */
    public static final String REQUEST = "request";

    @Override
    public String key() {
        return runId.toString();
    }
}

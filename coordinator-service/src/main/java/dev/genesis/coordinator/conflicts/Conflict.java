package dev.genesis.coordinator.conflicts;

import java.time.Instant;

/** A stored conflict as the list shows it. */
public record Conflict(long id, String kind, String runId, String taskId, Integer attempt, String holder,
        String path, Integer baseVersion, int currentVersion, Instant createdAt) {
}

package dev.genesis.dashboard.board;

import java.time.Instant;

/**
 * A write that could not land, as the coordinator stored it (kinds: {@code merge}, {@code lock},
 * {@code rollback}).
 *
 * @param detailUrl this dashboard's path to the conflict with its base, ours and theirs contents
 */
public record ConflictView(long id, String kind, String runId, String taskId, Integer attempt, String holder,
        String path, Integer baseVersion, int currentVersion, Instant createdAt, String detailUrl) {
}

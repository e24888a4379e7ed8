package dev.genesis.worker.workspace;

import dev.genesis.common.spec.ResourceMode;
import java.util.List;
import java.util.UUID;

/** The body of {@code POST /api/workspace/changesets}: one attempt's edits, fenced by its lease. */
public record Changeset(UUID runId, String taskId, int attempt, String holder, String leaseId, long token,
        ResourceMode mode, List<FileChange> files) {
}

package dev.genesis.coordinator.changesets;

import java.util.List;

/**
 * What rolling back a run did: the files restored to their version before the run (at the new
 * version that restores them), and the files left alone because someone else changed them since.
 */
public record RunRollbackResult(String runId, long snapshotId, List<ChangesetResult.CommittedFile> restored,
        List<ConflictProblem.ConflictRef> conflicts) {
}

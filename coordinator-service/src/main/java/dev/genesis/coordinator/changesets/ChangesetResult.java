package dev.genesis.coordinator.changesets;

import java.util.List;

/** What a committed changeset did: the snapshot taken before it, and each file's resulting version. */
public record ChangesetResult(long changesetId, long snapshotId, List<CommittedFile> files) {

    /** {@code merged} is true when the file's base was stale and the edit was merged onto the current version. */
    public record CommittedFile(String path, int version, boolean merged) {
    }
}

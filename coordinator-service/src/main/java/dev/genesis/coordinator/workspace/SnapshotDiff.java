package dev.genesis.coordinator.workspace;

import java.util.List;

/** What changed from snapshot {@code from} to snapshot {@code to}, path by path (sorted). */
public record SnapshotDiff(long from, long to, List<PathVersion> added, List<PathVersion> removed,
        List<ChangedPath> changed) {

    /** A path that exists on one side only, at its version there. */
    public record PathVersion(String path, int version) {
    }

    /** A path whose content differs between the two snapshots. */
    public record ChangedPath(String path, int fromVersion, int toVersion) {
    }
}

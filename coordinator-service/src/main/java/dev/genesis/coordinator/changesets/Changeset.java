package dev.genesis.coordinator.changesets;

import dev.genesis.coordinator.workspace.Origin;
import java.util.Comparator;
import java.util.List;

/**
 * A validated set of edits that lands atomically, or not at all. Files are kept sorted by path,
 * so that concurrent changesets lock their rows in one order and cannot deadlock.
 */
public record Changeset(Origin origin, String leaseId, long token, CommitMode mode, List<FileEdit> files) {

    public Changeset {
        files = files.stream().sorted(Comparator.comparing(FileEdit::path)).toList();
    }

    public List<String> paths() {
        return files.stream().map(FileEdit::path).toList();
    }
}

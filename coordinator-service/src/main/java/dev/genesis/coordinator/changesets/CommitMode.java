package dev.genesis.coordinator.changesets;

/** How a changeset treats a file whose base is no longer the current version. */
public enum CommitMode {
    /** Locks should have prevented it: a stale base is a conflict. */
    LOCK,
    /** Three-way merge of the stale base; overlapping edits are a conflict. */
    MERGE,
    /** An operator's import: every file lands as a new version, whatever its base. */
    IMPORT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

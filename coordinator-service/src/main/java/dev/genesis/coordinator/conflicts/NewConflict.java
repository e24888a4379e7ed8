package dev.genesis.coordinator.conflicts;

/**
 * A write that could not land, before it is stored. A null side had no file (absent or deleted).
 *
 * @param kind        {@code merge} (overlapping edits), {@code lock} (stale base under locks) or
 *                    {@code rollback} (someone else changed the file after the run)
 * @param ours        what the writer wanted the file to be
 * @param theirs      what the workspace held at {@code currentVersion}
 */
public record NewConflict(String kind, String path, Integer baseVersion, int currentVersion, byte[] base,
        byte[] ours, byte[] theirs) {
}

package dev.genesis.coordinator.changesets;

/**
 * One file of a changeset.
 *
 * @param baseVersion the version the edit was made on; 0 for a new file
 * @param content     the new bytes, or null when the file is deleted
 */
public record FileEdit(String path, int baseVersion, byte[] content) {

    public boolean deleted() {
        return content == null;
    }
}

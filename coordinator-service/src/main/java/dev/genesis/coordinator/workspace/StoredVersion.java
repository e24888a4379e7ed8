package dev.genesis.coordinator.workspace;

/** One stored version of a path; a deleted version still names the hash of the bytes it removed. */
public record StoredVersion(String path, int version, String sha256, boolean deleted) {

    /** The hash of the live content, or null when this version is a deletion. */
    public String liveSha() {
        return deleted ? null : sha256;
    }
}

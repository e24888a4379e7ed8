package dev.genesis.coordinator.workspace;

/** The current version of one workspace file, as the listing shows it. */
public record FileEntry(String path, int version, long size, String sha256) {
}

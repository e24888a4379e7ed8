package dev.genesis.coordinator.workspace;

/** One version of a file with its exact bytes. */
public record FileContent(String path, int version, String sha256, byte[] bytes) {
}

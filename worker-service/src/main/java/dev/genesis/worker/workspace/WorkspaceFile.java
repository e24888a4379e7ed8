package dev.genesis.worker.workspace;

/** One version of one workspace file as the coordinator served it. */
public record WorkspaceFile(String path, int version, byte[] bytes) {
}

package dev.genesis.worker.workspace;

/**
 * One file of a changeset: new ({@code baseVersion} null), modified, or deleted ({@code content}
 * null). Jackson writes {@code content} as base64, which is what the coordinator expects.
 */
public record FileChange(String path, Integer baseVersion, byte[] content, boolean deleted) {

    public static FileChange written(String path, Integer baseVersion, byte[] content) {
        return new FileChange(path, baseVersion, content, false);
    }

    public static FileChange deleted(String path, int baseVersion) {
        return new FileChange(path, baseVersion, null, true);
    }
}

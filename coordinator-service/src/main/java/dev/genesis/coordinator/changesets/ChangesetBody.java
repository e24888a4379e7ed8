package dev.genesis.coordinator.changesets;

import java.util.List;

/** The JSON body of {@code POST /api/workspace/changesets}, as workers send it. */
public record ChangesetBody(String runId, String taskId, Integer attempt, String holder, String leaseId, Long token,
        String mode, List<FileBody> files) {

    /** One file: {@code content} is base64; {@code baseVersion} null (or 0) for a new file. */
    public record FileBody(String path, Integer baseVersion, String content, Boolean deleted) {
    }
}

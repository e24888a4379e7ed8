package dev.genesis.worker.workspace;

import java.util.List;

/** How the coordinator answered a changeset. */
public sealed interface CommitResult {

    /** Nothing changed under the task's writes, so nothing was sent. */
    CommitResult NOTHING = new Committed(null, List.of());

    /** The changeset landed; {@code changesetId} is null when there was nothing to send. */
    record Committed(String changesetId, List<String> paths) implements CommitResult {
    }

    /** 409 merge-conflict: nothing landed; the task may retry on the new base. */
    record Conflict(List<String> paths, String detail) implements CommitResult {
    }

    /** 409 stale-token: a newer grant covers a path, so this attempt's locks are lost. */
    record StaleToken(String detail) implements CommitResult {
    }

    /** Anything else: refused (4xx, not retryable) or not known to have landed (5xx, unreachable). */
    record Rejected(String detail, boolean retryable) implements CommitResult {
    }
}

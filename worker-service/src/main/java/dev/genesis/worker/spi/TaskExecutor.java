package dev.genesis.worker.spi;

import java.util.List;

/**
 * Runs one kind of task. Implementations are found through {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/dev.genesis.worker.spi.TaskExecutor} file) or as CDI beans;
 * two executors of the same kind stop the worker at start.
 *
 * <p>{@link #execute} runs on its own thread. It should return promptly when that thread is
 * interrupted or {@link TaskContext#isCancelled()} turns true; a thrown exception fails the
 * attempt ({@link IllegalArgumentException} as bad parameters, which retrying cannot fix).
 */
public interface TaskExecutor {

    /** The {@code kind} of task spec this executor runs, e.g. {@code shell}. */
    String kind();

    TaskOutcome execute(TaskContext context) throws Exception;

    /**
     * Workspace paths (files, or folders ending in {@code /}) the worker fetches into
     * {@link TaskContext#workspace()} before {@link #execute}, at their workspace-relative paths.
     * After a success, what changed there under the task's {@code writes} is committed as one
     * changeset. Only a task holding locks (one that declared resources) is synced; the default,
     * no paths, means the task does not use the shared workspace.
     */
    default List<String> workspacePaths(TaskContext context) {
        return List.of();
    }
}

package dev.genesis.worker.spi;

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
}

package dev.genesis.worker.kinds;

import dev.genesis.worker.spi.TaskContext;
import dev.genesis.worker.spi.TaskExecutor;
import dev.genesis.worker.spi.TaskOutcome;
import jakarta.inject.Singleton;

/** {@code noop}: succeeds at once; useful to shape a graph and to measure overhead. */
@Singleton
public class NoopExecutor implements TaskExecutor {

    @Override
    public String kind() {
        return "noop";
    }

    @Override
    public TaskOutcome execute(TaskContext context) {
        return TaskOutcome.success(null);
    }
}

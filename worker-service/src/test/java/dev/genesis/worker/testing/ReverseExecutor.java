package dev.genesis.worker.testing;

import dev.genesis.worker.spi.TaskContext;
import dev.genesis.worker.spi.TaskExecutor;
import dev.genesis.worker.spi.TaskOutcome;

/** A plug-in kind found through ServiceLoader (not CDI): {@code reverse {text}}. */
public class ReverseExecutor implements TaskExecutor {

    @Override
    public String kind() {
        return "test-reverse";
    }

    @Override
    public TaskOutcome execute(TaskContext context) {
        return TaskOutcome.success(new StringBuilder(String.valueOf(context.params().get("text"))).reverse().toString());
    }
}

package dev.genesis.worker.kinds;

import dev.genesis.worker.spi.TaskContext;
import dev.genesis.worker.spi.TaskExecutor;
import dev.genesis.worker.spi.TaskOutcome;
import jakarta.inject.Singleton;

/** {@code fail {message, times}}: fails attempts 1..times (every attempt when times is absent), then succeeds. */
@Singleton
public class FailExecutor implements TaskExecutor {

    @Override
    public String kind() {
        return "fail";
    }

    @Override
    public TaskOutcome execute(TaskContext context) {
        String message = Params.string(context.params(), "message", "failed on purpose");
        long times = Params.longValue(context.params(), "times", Long.MAX_VALUE);
        if (context.attempt() <= times) {
            return TaskOutcome.failure(message, true);
        }
        return TaskOutcome.success("succeeded on attempt " + context.attempt());
    }
}

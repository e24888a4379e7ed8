package dev.genesis.worker.kinds;

import dev.genesis.worker.spi.TaskContext;
import dev.genesis.worker.spi.TaskExecutor;
import dev.genesis.worker.spi.TaskOutcome;
import jakarta.inject.Singleton;

/** {@code sleep {ms}}: waits, reporting progress; an interrupt (cancel, timeout) ends it at once. */
@Singleton
public class SleepExecutor implements TaskExecutor {

    private static final long STEP_MS = 250;

    @Override
    public String kind() {
        return "sleep";
    }

    @Override
    public TaskOutcome execute(TaskContext context) throws InterruptedException {
        long ms = Params.longValue(context.params(), "ms", 0);
        if (ms < 0) {
            throw new IllegalArgumentException("parameter 'ms' must not be negative");
        }
        long start = System.nanoTime();
        long elapsed;
        while ((elapsed = (System.nanoTime() - start) / 1_000_000) < ms) {
            if (context.isCancelled()) {
                throw new InterruptedException("cancelled");
            }
            Thread.sleep(Math.min(STEP_MS, ms - elapsed));
            long done = Math.min(ms, (System.nanoTime() - start) / 1_000_000);
            context.progress((int) (done * 100 / ms), "slept " + done + " of " + ms + " ms");
        }
        return TaskOutcome.success("slept " + ms + " ms");
    }
}

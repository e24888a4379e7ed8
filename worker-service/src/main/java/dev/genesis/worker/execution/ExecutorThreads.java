package dev.genesis.worker.execution;

import dev.genesis.common.concurrent.DaemonThreads;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads executors run on, one attempt at a time each. Every attempt still runs on a thread of
 * its own, apart from its slot thread, so a task that hangs or ignores interrupts holds only that
 * thread; but an idle thread is reused for the next attempt instead of a new one being started
 * for each (a thread start costs more CPU than a whole {@code noop} task). Unbounded like the
 * threads it replaces: a stuck executor never keeps another attempt from getting a thread. Idle
 * threads end after a minute.
 */
final class ExecutorThreads {

    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), DaemonThreads.numbered("genesis-task-"));

    /**
     * Runs {@code body} for {@code attempt} on a free thread. The thread is the attempt's executor
     * thread while the body runs (a stop interrupts it) and never after: an interrupt meant for this
     * attempt cannot reach the next one the thread runs.
     */
    void run(RunningAttempt attempt, Runnable body) {
        pool.execute(() -> {
            attempt.executorThread(Thread.currentThread());
            try {
                body.run();
            } finally {
                attempt.executorDone();
                Thread.interrupted(); // an interrupt that arrived while bound is this attempt's, not the next one's
            }
        });
    }

    /** Interrupts the executors still running and lets the idle threads go. */
    void shutdownNow() {
        pool.shutdownNow();
    }

    /** Threads alive, running or idle (for tests). */
    int threads() {
        return pool.getPoolSize();
    }
}

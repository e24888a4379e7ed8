package dev.genesis.bench;

import dev.genesis.bench.api.RunProgressView;
import dev.genesis.bench.api.RunView;
import dev.genesis.bench.api.StackApi;
import dev.genesis.common.spec.RunSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Submits a run and polls {@code GET /api/runs/{id}/progress} until it leaves RUNNING, drawing a
 * one-line progress bar. A run that outlives its timeout is cancelled and reported as such.
 */
public final class RunWatcher {

    private static final int BAR = 30;
    static final Duration CANCEL_WAIT = Duration.ofSeconds(60);

    private final StackApi api;
    private final Duration pollInterval;
    private final Duration timeout;
    private final PrintStream out;

    public RunWatcher(StackApi api, Duration pollInterval, Duration timeout, PrintStream out) {
        this.api = api;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
        this.out = out;
    }

    /** Submits {@code spec} and returns the run once it has finished. */
    public RunView submitAndWatch(RunSpec spec) {
        return watch(api.submit(spec), spec.name(), spec.tasks().size());
    }

    /**
     * Polls until the run leaves RUNNING and returns it with every task. While it runs, only its
     * progress is polled (the run's row: state and finished tasks): the full run of a 5,000-task
     * DAG is megabytes, and even counting its tasks by state five times a second would load the
     * queue and the database being measured.
     */
    public RunView watch(String runId, String label, int taskCount) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            RunProgressView progress = api.progress(runId);
            if (!progress.isRunning()) {
                RunView view = api.run(runId);
                draw(label, view.finishedTasks(), taskCount, start, true);
                out.println(" " + view.state());
                return view;
            }
            draw(label, progress.finishedTasks(), taskCount, start, false);
            if (System.nanoTime() > deadline) {
                out.println();
                boolean stopped = api.cancelAndAwait(runId, CANCEL_WAIT);
                throw new RunTimedOutException(label + " (" + runId + ") still RUNNING after " + timeout.toSeconds()
                        + " s; " + (stopped ? "cancelled" : "cancel requested, but it still runs"));
            }
            // Sleep, not a busy loop: the queue service shares the machine being measured.
            LockSupport.parkNanos(pollInterval.toNanos());
        }
    }

    private void draw(String label, long done, int total, long start, boolean last) {
        int filled = total == 0 ? BAR : (int) Math.min(BAR, done * BAR / total);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.print(String.format(Locale.ROOT, "\r  %-28.28s [%s%s] %5d/%-5d %6.1fs", label, "#".repeat(filled),
                ".".repeat(BAR - filled), done, total, seconds));
        if (!last) {
            out.flush();
        }
    }

    /** A watched run did not finish in time. */
    public static final class RunTimedOutException extends RuntimeException {
        public RunTimedOutException(String message) {
            super(message);
        }
    }
}

package dev.genesis.bench;

import dev.genesis.bench.api.RunView;
import dev.genesis.bench.api.StackApi;
import dev.genesis.common.spec.RunSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Submits a run and polls {@code GET /api/runs/{id}} until it leaves RUNNING, drawing a
 * one-line progress bar. A run that outlives its timeout is cancelled and reported as such.
 */
public final class RunWatcher {

    private static final int BAR = 30;

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

    public RunView watch(String runId, String label, int taskCount) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        RunView view = api.run(runId);
        while (view.isRunning()) {
            draw(label, view.finishedTasks(), taskCount, start, false);
            if (System.nanoTime() > deadline) {
                api.cancel(runId);
                out.println();
                throw new RunTimedOutException(label + " (" + runId + ") still RUNNING after " + timeout.toSeconds()
                        + " s; cancelled");
            }
            // Sleep, not a busy loop: the queue service shares the machine being measured.
            LockSupport.parkNanos(pollInterval.toNanos());
            view = api.run(runId);
        }
        draw(label, view.finishedTasks(), taskCount, start, true);
        out.println(" " + view.state());
        return view;
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

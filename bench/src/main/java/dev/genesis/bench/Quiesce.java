package dev.genesis.bench;

import dev.genesis.bench.api.RunSummaryView;
import dev.genesis.bench.api.StackApi;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Makes sure a suite starts on an idle stack: a benchmark run left RUNNING (by a timeout, an
 * interrupted invocation, a cancel the queue refused under load) would share the slots with the
 * next measurement and skew it, so it is cancelled first. Runs the benchmark did not start are
 * only reported: they are someone's work. And a suite starts once the workers' consumer group
 * has settled after the last change of workers.
 */
public final class Quiesce {

    /** Every run the benchmark submits is named with this prefix. */
    public static final String RUN_PREFIX = "bench-";
    static final Duration CANCEL_WAIT = Duration.ofSeconds(60);
    static final Duration SETTLE_WAIT = Duration.ofSeconds(90);

    private Quiesce() {
    }

    /** Cancels leftover benchmark runs, then waits until the workers' consumer group has settled. */
    public static void idle(StackApi api, PrintStream out) {
        leftovers(api, out);
        settled(api, out);
    }

    /** Waits for {@link StackApi#awaitSettled}; a group that does not settle is reported, not fatal. */
    public static void settled(StackApi api, PrintStream out) {
        if (!api.awaitSettled(SETTLE_WAIT)) {
            out.println("  warning: the workers' partitions did not settle within " + SETTLE_WAIT.toSeconds()
                    + " s; figures may include a rebalance");
        }
    }

    public static void leftovers(StackApi api, PrintStream out) {
        for (RunSummaryView run : api.runningRuns()) {
            if (isBenchRun(run.name())) {
                out.println("  cancelling leftover benchmark run " + run.name() + " (" + run.id() + ")");
                if (!api.cancelAndAwait(run.id(), CANCEL_WAIT)) {
                    out.println("  warning: run " + run.id() + " still RUNNING; figures may be skewed");
                }
            } else {
                out.println("  warning: run " + run.name() + " (" + run.id() + ") is RUNNING on this stack and shares "
                        + "its slots with the benchmark");
            }
        }
    }

    static boolean isBenchRun(String name) {
        return name != null && name.startsWith(RUN_PREFIX);
    }
}

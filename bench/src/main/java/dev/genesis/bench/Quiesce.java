package dev.genesis.bench;

import dev.genesis.bench.api.RunSummaryView;
import dev.genesis.bench.api.StackApi;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Makes sure a suite starts on an idle stack: a benchmark run left RUNNING (by a timeout, an
 * interrupted invocation, a cancel the queue refused under load) would share the slots with the
 * next measurement and skew it, so it is cancelled first. Runs the benchmark did not start are
 * only reported: they are someone's work.
 */
public final class Quiesce {

    /** Every run the benchmark submits is named with this prefix. */
    public static final String RUN_PREFIX = "bench-";
    static final Duration CANCEL_WAIT = Duration.ofSeconds(60);

    private Quiesce() {
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

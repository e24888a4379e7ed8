package dev.genesis.bench.suites;

import dev.genesis.bench.api.RunView;
import dev.genesis.bench.dag.DagFamilies;
import dev.genesis.bench.dag.DagFamilies.TaskKind;
import dev.genesis.bench.report.SuiteResult;
import dev.genesis.bench.stats.RunMetrics;
import dev.genesis.common.spec.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Brings the stack to its steady state before anything is measured, as a service that has run
 * for a while is: a JVM just started compiles its hot code while it works, and on two cores
 * that compilation took more CPU than the work itself in the first few thousand tasks here.
 * Runs independent noop batches (the throughput path), then a chain and stacked fan-outs (the
 * path of a task released by its dependency), then noop tasks with resources (the coordinator's
 * lock path, which nothing before touches: cold, the first few hundred acquires took ~13 ms each
 * on the coordinator against under 1 ms warm). Its own figures are reported, as the cold
 * stack's, and measure nothing else.
 */
public final class Warmup {

    static final int BATCH = 2000;
    static final int SHAPED = 300;
    /** Tasks with resources, and the write paths they take in turn (under {@link #LOCK_FOLDER}). */
    static final int LOCKED = 1500;
    static final int LOCKED_PATHS = 32;
    static final String LOCK_FOLDER = "bench-warmup";
    static final double PLATEAU = 1.10;
    static final int LEVEL_BATCHES = 2;

    private Warmup() {
    }

    /** Whether each of the last two batches ran less than 10 % faster than the one before it. */
    static boolean levelled(List<Double> rates) {
        int n = rates.size();
        if (n <= LEVEL_BATCHES) {
            return false;
        }
        for (int i = n - LEVEL_BATCHES; i < n; i++) {
            if (rates.get(i) >= rates.get(i - 1) * PLATEAU) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs independent batches until two in a row are each no more than 10 % faster than the one
     * before (the stack has reached its pace) or about {@code tasks} noop tasks have run, then one
     * chain, one stacked fan-out and one run of tasks with resources; nothing when {@code tasks} is 0.
     */
    public static SuiteResult run(BenchContext ctx, int tasks) {
        SuiteResult result = new SuiteResult("warmup", "Warm-up of the stack (not a measurement)",
                List.of("run", "tasks", "tasks/s"));
        int batches = Math.max(1, (tasks - 2 * SHAPED - LOCKED) / BATCH);
        List<Double> rates = new ArrayList<>();
        for (int b = 0; b < batches && tasks > 0 && !levelled(rates); b++) {
            ctx.out().printf(Locale.ROOT, "  warm-up batch %d of up to %d (%d noop tasks)%n", b + 1, batches, BATCH);
            RunView run = ctx.watcher().submitAndWatch(
                    DagFamilies.independent("bench-warmup-" + b, BATCH, TaskKind.noop()));
            rates.add(RunMetrics.endToEndThroughput(run));
            result.row("run", "independent " + (b + 1), "tasks", BATCH, "tasks/s", rates.get(b));
        }
        if (tasks > 0) {
            int slots = Math.max(1, ctx.api().aliveSlots());
            for (RunSpec spec : List.of(DagFamilies.chain("bench-warmup-chain", SHAPED, TaskKind.noop()),
                    LatencySuite.stackedFanOuts("bench-warmup-fanout", slots, SHAPED),
                    DagFamilies.independent("bench-warmup-locked", LOCKED,
                            TaskKind.lockedNoop(LOCK_FOLDER, LOCKED_PATHS)))) {
                RunView run = ctx.watcher().submitAndWatch(spec);
                result.row("run", spec.name().substring("bench-warmup-".length()), "tasks", spec.tasks().size(),
                        "tasks/s", RunMetrics.endToEndThroughput(run));
            }
        }
        result.note("Before the suites, the stack runs batches of " + BATCH + " noop tasks, not measured, until two "
                + "batches in a row are each no more than 10 % faster than the one before or about " + tasks
                + " tasks have run (`--warmup-tasks N`, 0 to skip), then a chain and stacked fan-outs of " + SHAPED
                + ", then " + LOCKED + " noop tasks that each lock one of " + LOCKED_PATHS + " paths under `"
                + LOCK_FOLDER + "/` (the coordinator's lock path): a JVM just started compiles its hot code while "
                + "it works, and these rows are the cold stack's own pace. tasks/s = succeeded ÷ (run finishedAt − "
                + "createdAt).");
        return result;
    }
}

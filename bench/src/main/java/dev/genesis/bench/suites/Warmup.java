package dev.genesis.bench.suites;

import dev.genesis.bench.api.RunView;
import dev.genesis.bench.dag.DagFamilies;
import dev.genesis.bench.dag.DagFamilies.TaskKind;
import dev.genesis.bench.report.SuiteResult;
import dev.genesis.bench.stats.JitMeter;
import dev.genesis.bench.stats.RunMetrics;
import dev.genesis.common.spec.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

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

    /** Its name in results; not a suite one chooses: it runs before the chosen suites. */
    public static final String SUITE = "warmup";

    static final int BATCH = 2000;
    static final int SHAPED = 300;
    /** Tasks with resources, and the write paths they take in turn (under {@link #LOCK_FOLDER}). */
    static final int LOCKED = 1500;
    static final int LOCKED_PATHS = 32;
    static final String LOCK_FOLDER = "bench-warmup";
    static final double PLATEAU = 1.10;
    static final int LEVEL_BATCHES = 2;
    /** The stack counts as warm once its JIT compilers took at most this share of a batch's CPU. */
    static final double JIT_QUIET = 0.10;
    static final int MIN_BATCHES = 3;

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
     * Whether the batches so far brought the stack to its pace: where the compilers' share of each
     * batch's CPU is known (the stack's processes run on this host), once the last batch spent at
     * most 10 % of its CPU compiling (and at least three batches ran); otherwise once two batches
     * in a row each ran no more than 10 % faster than the one before.
     */
    static boolean warm(List<Double> rates, List<Double> jitShares) {
        if (!jitShares.isEmpty() && jitShares.get(jitShares.size() - 1) != null) {
            return jitShares.size() >= MIN_BATCHES && jitShares.get(jitShares.size() - 1) <= JIT_QUIET;
        }
        return levelled(rates);
    }

    /**
     * Runs independent batches until the stack is warm (see {@link #warm}) or about {@code tasks}
     * noop tasks have run, then one chain, one stacked fan-out and one run of tasks with
     * resources; nothing when {@code tasks} is 0.
     */
    public static SuiteResult run(BenchContext ctx, int tasks) {
        SuiteResult result = new SuiteResult(SUITE, "Warm-up of the stack (not a measurement)",
                List.of("run", "tasks", "tasks/s", "JIT share of CPU %"));
        int batches = Math.max(1, (tasks - 2 * SHAPED - LOCKED) / BATCH);
        List<Long> pids = List.copyOf(ctx.api().stackProcesses().values());
        Optional<JitMeter.Reading> last = JitMeter.read(pids);
        List<Double> rates = new ArrayList<>();
        List<Double> jitShares = new ArrayList<>();
        for (int b = 0; b < batches && tasks > 0 && !warm(rates, jitShares); b++) {
            ctx.out().printf(Locale.ROOT, "  warm-up batch %d of up to %d (%d noop tasks)%n", b + 1, batches, BATCH);
            RunView run = ctx.watcher().submitAndWatch(
                    DagFamilies.independent("bench-warmup-" + b, BATCH, TaskKind.noop()));
            Optional<JitMeter.Reading> now = JitMeter.read(pids);
            OptionalDouble measured = last.isPresent() && now.isPresent() ? now.get().compilerShareSince(last.get())
                    : OptionalDouble.empty();
            Double share = measured.isPresent() ? measured.getAsDouble() : null;
            last = now;
            rates.add(RunMetrics.endToEndThroughput(run));
            jitShares.add(share);
            result.row("run", "independent " + (b + 1), "tasks", BATCH, "tasks/s", rates.get(b),
                    "JIT share of CPU %", share == null ? "–" : Math.round(share * 1000) / 10.0);
        }
        if (tasks > 0) {
            int slots = Math.max(1, ctx.api().aliveSlots());
            for (RunSpec spec : List.of(DagFamilies.chain("bench-warmup-chain", SHAPED, TaskKind.noop()),
                    LatencySuite.stackedFanOuts("bench-warmup-fanout", slots, SHAPED),
                    DagFamilies.independent("bench-warmup-locked", LOCKED,
                            TaskKind.lockedNoop(LOCK_FOLDER, LOCKED_PATHS)))) {
                RunView run = ctx.watcher().submitAndWatch(spec);
                result.row("run", spec.name().substring("bench-warmup-".length()), "tasks", spec.tasks().size(),
                        "tasks/s", RunMetrics.endToEndThroughput(run), "JIT share of CPU %", "–");
            }
        }
        result.note("Before the suites, the stack runs batches of " + BATCH + " noop tasks, not measured, until the "
                + "JIT compilers of its processes took at most " + Math.round(JIT_QUIET * 100) + " % of a batch's CPU "
                + "(after at least " + MIN_BATCHES + " batches; read per thread from /proc; where the stack's "
                + "processes cannot be read: until two batches in a row are each no more than 10 % faster than the "
                + "one before) or about " + tasks + " tasks have run (`--warmup-tasks N`, 0 to skip), then a chain "
                + "and stacked fan-outs of " + SHAPED + ", then " + LOCKED + " noop tasks that each lock one of "
                + LOCKED_PATHS + " paths under `" + LOCK_FOLDER + "/` (the coordinator's lock path): a JVM just "
                + "started compiles its hot code while it works, and these rows are the cold stack's own pace. "
                + "tasks/s = succeeded ÷ (run finishedAt − createdAt); JIT share = CPU of the stack's C1/C2 compiler "
                + "threads ÷ CPU of its processes during the batch (– where a compiler thread ended meanwhile: "
                + "its last ticks are unknown, and the pace decides).");
        return result;
    }
}

package dev.genesis.bench.suites;

import dev.genesis.bench.dag.DagFamilies;
import dev.genesis.bench.dag.DagFamilies.TaskKind;
import dev.genesis.bench.report.BarChart;
import dev.genesis.bench.report.SuiteResult;
import dev.genesis.bench.stats.ListSchedule;
import dev.genesis.bench.stats.LowerBound;
import dev.genesis.bench.stats.RunMetrics;
import dev.genesis.bench.stats.Samples;
import dev.genesis.common.spec.RunSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Makespan of synthetic DAG families against {@code max(critical path, work ÷ slots)}. Sleeps
 * are seeded 20–200 ms; the larger random DAGs scale them down so the suite stays short. The
 * 5,000-task DAG runs once (unless --repeat asks for more); the others are repeated.
 */
public final class MakespanSuite implements Suite {

    /** Families of at least this many tasks run once by default: one run takes as long as the rest. */
    static final int RUN_ONCE_FROM_TASKS = 2000;

    @Override
    public String name() {
        return "makespan";
    }

    @Override
    public int defaultRepeats() {
        return 3;
    }

    @Override
    public double weight() {
        return 130;
    }

    /** The families, fixed by the seed. Scales keep each family to a few seconds on 9 slots. */
    public static List<RunSpec> families(long seed) {
        return List.of(
                DagFamilies.chain("chain-20", 20, TaskKind.seededSleep(seed, 1.0)),
                DagFamilies.fanOut("fanout-1-60-1", 60, TaskKind.seededSleep(seed + 1, 1.0)),
                DagFamilies.layeredDiamond("diamond-6x8", 6, 8, TaskKind.seededSleep(seed + 2, 1.0)),
                DagFamilies.random("random-100", 100, seed + 3, TaskKind.seededSleep(seed + 3, 1.0)),
                DagFamilies.random("random-1000", 1000, seed + 4, TaskKind.seededSleep(seed + 4, 0.25)),
                DagFamilies.random("random-5000", 5000, seed + 5, TaskKind.seededSleep(seed + 5, 0.05)));
    }

    private static void runFamily(BenchContext ctx, RunSpec family, int r, Samples s, List<String> failures) {
        try {
            RunSpec named = new RunSpec("bench-makespan-" + family.name() + "-" + r, family.tasks());
            s.add(family.name(), RunMetrics.makespanMs(ctx.watcher().submitAndWatch(named)));
        } catch (RuntimeException e) {
            ctx.out().println("  " + family.name() + " failed: " + e.getMessage());
            failures.add(family.name() + " (repetition " + (r + 1) + "): " + e.getMessage());
        }
    }

    @Override
    public SuiteResult run(BenchContext ctx, Repetitions reps) {
        int slots = ctx.api().aliveSlots();
        List<RunSpec> families = families(ctx.options().seed());
        List<RunSpec> big = families.stream().filter(f -> f.tasks().size() >= RUN_ONCE_FROM_TASKS).toList();
        Samples s = new Samples();
        List<String> failures = new ArrayList<>();
        // Run once, before the repetitions, so that the budget judges a repetition by the others.
        boolean bigOnce = !reps.fixed();
        if (bigOnce) {
            big.forEach(family -> runFamily(ctx, family, 0, s, failures));
        }
        while (reps.next()) {
            for (RunSpec family : families) {
                if (!(bigOnce && big.contains(family))) {
                    runFamily(ctx, family, reps.done() - 1, s, failures);
                }
            }
        }
        SuiteResult result = new SuiteResult(name(), "Makespan against the lower bound (" + slots + " slots)",
                List.of("family", "tasks", "runs", "critical path ms", "work ÷ slots ms", "lower bound ms",
                        "list schedule ms", "makespan ms", "makespan ÷ bound", "makespan ÷ list"));
        List<String> names = new ArrayList<>();
        List<Double> bounds = new ArrayList<>();
        List<Double> makespans = new ArrayList<>();
        for (RunSpec family : families) {
            LowerBound lb = LowerBound.of(family, LowerBound::declaredDurationMs, slots);
            double list = ListSchedule.makespanMs(family, LowerBound::declaredDurationMs, slots);
            double makespan = s.median(family.name());
            result.row("family", family.name(), "tasks", family.tasks().size(), "runs", s.all(family.name()).size(),
                    "critical path ms", (double) lb.criticalPathMs(), "work ÷ slots ms", lb.workPerSlotMs(),
                    "lower bound ms", lb.boundMs(), "list schedule ms", list, "makespan ms", makespan,
                    "makespan ÷ bound", lb.ratio(makespan), "makespan ÷ list", makespan / list);
            names.add(family.name());
            bounds.add(lb.boundMs());
            makespans.add(makespan);
        }
        result.note("Makespan = run finishedAt − createdAt, the median over the runs column (" + reps.describe()
                + "; families of " + RUN_ONCE_FROM_TASKS + "+ tasks once unless --repeat). Lower bound = max(critical "
                + "path, total work ÷ slots) over the declared sleeps; slots = sum of ALIVE workers' slots from the "
                + "coordinator. Sleeps are seeded 20–200 ms; random-1000 ×0.25, random-5000 ×0.05. List schedule = "
                + "the makespan of a list scheduler that costs nothing, on the same slots in Genesis' dispatch order: "
                + "what is left between it and the bound belongs to the DAG (tasks cannot be split across slots), "
                + "what is left between the makespan and it to the engine.");
        failures.forEach(f -> result.note("Failed: " + f));
        result.chart(new BarChart("makespan.png", "Makespan vs lower bound (log scale)", "ms", names,
                List.of("lower bound", "Genesis makespan"), List.of(bounds, makespans), null, null, true));
        return result;
    }
}

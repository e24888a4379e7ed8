package dev.genesis.bench.suites;

import dev.genesis.bench.dag.DagFamilies;
import dev.genesis.bench.dag.DagFamilies.TaskKind;
import dev.genesis.bench.report.BarChart;
import dev.genesis.bench.report.SuiteResult;
import dev.genesis.bench.stats.LowerBound;
import dev.genesis.bench.stats.RunMetrics;
import dev.genesis.bench.stats.Samples;
import dev.genesis.common.spec.RunSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Makespan of synthetic DAG families against {@code max(critical path, work ÷ slots)}. Sleeps
 * are seeded 20–200 ms; the larger random DAGs scale them down so the suite stays short.
 */
public final class MakespanSuite implements Suite {

    @Override
    public String name() {
        return "makespan";
    }

    @Override
    public int defaultRepeats() {
        return 3;
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

    @Override
    public SuiteResult run(BenchContext ctx, int repeats) {
        int slots = ctx.api().aliveSlots();
        List<RunSpec> families = families(ctx.options().seed());
        Samples s = new Samples();
        for (int r = 0; r < repeats; r++) {
            for (RunSpec family : families) {
                RunSpec named = new RunSpec("bench-makespan-" + family.name() + "-" + r, family.tasks());
                s.add(family.name(), RunMetrics.makespanMs(ctx.watcher().submitAndWatch(named)));
            }
        }
        SuiteResult result = new SuiteResult(name(), "Makespan against the lower bound (" + slots + " slots)",
                List.of("family", "tasks", "critical path ms", "work ÷ slots ms", "lower bound ms", "makespan ms",
                        "makespan ÷ bound"));
        List<String> names = new ArrayList<>();
        List<Double> bounds = new ArrayList<>();
        List<Double> makespans = new ArrayList<>();
        for (RunSpec family : families) {
            LowerBound lb = LowerBound.of(family, LowerBound::declaredDurationMs, slots);
            double makespan = s.median(family.name());
            result.row("family", family.name(), "tasks", family.tasks().size(), "critical path ms",
                    (double) lb.criticalPathMs(), "work ÷ slots ms", (double) lb.totalWorkMs() / slots,
                    "lower bound ms", lb.boundMs(), "makespan ms", makespan, "makespan ÷ bound", lb.ratio(makespan));
            names.add(family.name());
            bounds.add(lb.boundMs());
            makespans.add(makespan);
        }
        result.note("Makespan = run finishedAt − createdAt, median of " + repeats + "; slots = sum of ALIVE workers' "
                + "slots from the coordinator. random-1000 sleeps ×0.25, random-5000 ×0.05.");
        result.chart(new BarChart("makespan.png", "Makespan vs lower bound", "ms", names,
                List.of("lower bound", "Genesis makespan"), List.of(bounds, makespans), null, null));
        return result;
    }
}

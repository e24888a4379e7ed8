package dev.genesis.bench.suites;

import dev.genesis.bench.dag.WfCommonsTrace;
import dev.genesis.bench.report.BarChart;
import dev.genesis.bench.report.SuiteResult;
import dev.genesis.bench.stats.ListSchedule;
import dev.genesis.bench.stats.LowerBound;
import dev.genesis.bench.stats.RunMetrics;
import dev.genesis.bench.stats.Samples;
import dev.genesis.common.spec.RunSpec;
import java.util.ArrayList;
import java.util.List;

/** Real WfCommons workflows replayed as scaled sleeps, against the lower bound and Pegasus' own makespan. */
public final class TracesSuite implements Suite {

    @Override
    public String name() {
        return "traces";
    }

    @Override
    public int defaultRepeats() {
        return 3;
    }

    @Override
    public double weight() {
        return 60;
    }

    @Override
    public SuiteResult run(BenchContext ctx, Repetitions reps) throws Exception {
        double scale = ctx.options().traceScaleMsPerSecond();
        List<WfCommonsTrace> traces = WfCommonsTrace.loadAll(ctx.options().traces(), scale);
        if (traces.isEmpty()) {
            throw new IllegalStateException("no *.json traces in " + ctx.options().traces() + " (--traces DIR)");
        }
        int slots = ctx.api().aliveSlots();
        Samples s = new Samples();
        List<String> failures = new ArrayList<>();
        while (reps.next()) {
            int r = reps.done() - 1;
            for (WfCommonsTrace t : traces) {
                try {
                    RunSpec spec = new RunSpec("bench-" + t.spec().name() + "-" + r, t.spec().tasks());
                    s.add(t.name(), RunMetrics.makespanMs(ctx.watcher().submitAndWatch(spec)));
                } catch (RuntimeException e) {
                    ctx.out().println("  " + t.name() + " failed: " + e.getMessage());
                    failures.add(t.name() + " (repetition " + (r + 1) + "): " + e.getMessage());
                }
            }
        }
        SuiteResult result = new SuiteResult(name(), "WfCommons traces (1 s → " + scale + " ms, " + slots + " slots)",
                List.of("trace", "tasks", "runs", "critical path ms", "work ÷ slots ms", "lower bound ms",
                        "list schedule ms", "Genesis ms", "Pegasus ms (scaled)", "Genesis ÷ bound", "Genesis ÷ list",
                        "Genesis ÷ Pegasus"));
        List<String> names = new ArrayList<>();
        List<Double> bounds = new ArrayList<>();
        List<Double> genesis = new ArrayList<>();
        List<Double> pegasus = new ArrayList<>();
        for (WfCommonsTrace t : traces) {
            LowerBound lb = LowerBound.of(t.spec(), LowerBound::declaredDurationMs, slots);
            double list = ListSchedule.makespanMs(t.spec(), LowerBound::declaredDurationMs, slots);
            double m = s.median(t.name());
            result.row("trace", t.name(), "tasks", t.spec().tasks().size(), "runs", s.all(t.name()).size(),
                    "critical path ms", (double) lb.criticalPathMs(), "work ÷ slots ms", lb.workPerSlotMs(),
                    "lower bound ms", lb.boundMs(), "list schedule ms", list, "Genesis ms", m,
                    "Pegasus ms (scaled)", t.pegasusMakespanMs(), "Genesis ÷ bound", lb.ratio(m),
                    "Genesis ÷ list", m / list, "Genesis ÷ Pegasus", m / t.pegasusMakespanMs());
            names.add(t.name().replaceFirst("-chameleon.*", ""));
            bounds.add(lb.boundMs());
            genesis.add(m);
            pegasus.add(t.pegasusMakespanMs());
        }
        result.note("Traces from " + ctx.options().traces() + ": each task a sleep of its runtimeInSeconds × "
                + scale + " ms; parents become dependencies, files resources (outputs written, inputs read) under "
                + "files/. Genesis ms = run finishedAt − createdAt, " + reps.describe() + ". List schedule = the "
                + "makespan of a list scheduler that costs nothing, on the same slots in Genesis' dispatch order "
                + "(locks not modelled).");
        result.note("Pegasus ms = the trace's workflow.makespanInSeconds × the same scale: what Pegasus achieved on "
                + "its own machines (its overheads scaled down with the runtimes), so it is context, not a race.");
        failures.forEach(f -> result.note("Failed: " + f));
        result.chart(new BarChart("traces.png", "WfCommons traces: makespan (log scale)", "ms", names,
                List.of("lower bound", "Genesis", "Pegasus (scaled)"), List.of(bounds, genesis, pegasus), null, null,
                true));
        return result;
    }
}

package dev.genesis.bench.suites;

import dev.genesis.bench.dag.WfCommonsTrace;
import dev.genesis.bench.report.BarChart;
import dev.genesis.bench.report.SuiteResult;
import dev.genesis.bench.stats.LowerBound;
import dev.genesis.bench.stats.RunMetrics;
import dev.genesis.bench.stats.Samples;
import dev.genesis.common.spec.RunSpec;
import java.util.ArrayList;
import java.util.List;

/** Real WfCommons workflows replayed as scaled sleeps, against Pegasus' own makespan. */
public final class TracesSuite implements Suite {

    @Override
    public String name() {
        return "traces";
    }

    @Override
    public int defaultRepeats() {
        return 1;
    }

    @Override
    public SuiteResult run(BenchContext ctx, int repeats) throws Exception {
        double scale = ctx.options().traceScaleMsPerSecond();
        List<WfCommonsTrace> traces = WfCommonsTrace.loadAll(ctx.options().traces(), scale);
        int slots = ctx.api().aliveSlots();
        Samples s = new Samples();
        for (int r = 0; r < repeats; r++) {
            for (WfCommonsTrace t : traces) {
                RunSpec spec = new RunSpec(t.spec().name() + "-" + r, t.spec().tasks());
                s.add(t.name(), RunMetrics.makespanMs(ctx.watcher().submitAndWatch(spec)));
            }
        }
        SuiteResult result = new SuiteResult(name(), "WfCommons traces (1 s → " + scale + " ms, " + slots + " slots)",
                List.of("trace", "tasks", "lower bound ms", "Genesis ms", "Pegasus ms (scaled)", "Genesis ÷ bound",
                        "Genesis ÷ Pegasus"));
        List<String> names = new ArrayList<>();
        List<Double> bounds = new ArrayList<>();
        List<Double> genesis = new ArrayList<>();
        List<Double> pegasus = new ArrayList<>();
        for (WfCommonsTrace t : traces) {
            LowerBound lb = LowerBound.of(t.spec(), LowerBound::declaredDurationMs, slots);
            double m = s.median(t.name());
            result.row("trace", t.name(), "tasks", t.spec().tasks().size(), "lower bound ms", lb.boundMs(),
                    "Genesis ms", m, "Pegasus ms (scaled)", t.pegasusMakespanMs(), "Genesis ÷ bound", lb.ratio(m),
                    "Genesis ÷ Pegasus", m / t.pegasusMakespanMs());
            names.add(t.name().replaceFirst("-chameleon.*", ""));
            bounds.add(lb.boundMs());
            genesis.add(m);
            pegasus.add(t.pegasusMakespanMs());
        }
        result.note("Traces from " + ctx.options().traces() + "; files become resources (outputs written, inputs read)"
                + " under files/. Pegasus ran on its own machines, so its figure is context, not a like-for-like race.");
        result.chart(new BarChart("traces.png", "WfCommons traces: makespan", "ms", names,
                List.of("lower bound", "Genesis", "Pegasus (scaled)"), List.of(bounds, genesis, pegasus), null, null));
        return result;
    }
}

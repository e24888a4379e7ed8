package dev.genesis.bench.suites;

import dev.genesis.bench.api.RunView;
import dev.genesis.bench.dag.DagFamilies;
import dev.genesis.bench.dag.DagFamilies.TaskKind;
import dev.genesis.bench.report.BarChart;
import dev.genesis.bench.report.SuiteResult;
import dev.genesis.bench.stats.RunMetrics;
import dev.genesis.bench.stats.Samples;
import dev.genesis.common.spec.RunSpec;
import java.util.List;

/** End-to-end noop throughput: one run of N independent noop tasks. */
public final class ThroughputSuite implements Suite {

    public static final double TARGET_PER_S = 2000;

    @Override
    public String name() {
        return "throughput";
    }

    @Override
    public int defaultRepeats() {
        return 3;
    }

    @Override
    public SuiteResult run(BenchContext ctx, int repeats) {
        int n = ctx.options().throughputTasks();
        long workers = ctx.api().aliveWorkers();
        int slots = ctx.api().aliveSlots();
        Samples s = measure(ctx, n, repeats, "bench-throughput");
        double e2e = s.median("e2e");
        double exec = s.median("exec");
        ctx.genesisFigures().put("throughput.e2e", e2e);
        ctx.genesisFigures().put("throughput.exec", exec);
        SuiteResult result = new SuiteResult(name(), "Throughput (" + n + " independent noop tasks)",
                List.of("workers", "slots", "tasks", "run tasks/s", "execution tasks/s", "≥ 2000 tasks/s"));
        result.row("workers", workers, "slots", slots, "tasks", n, "run tasks/s", e2e, "execution tasks/s", exec,
                "≥ 2000 tasks/s", e2e >= TARGET_PER_S);
        result.note("run tasks/s = succeeded ÷ (run finishedAt − createdAt); execution tasks/s = succeeded ÷ "
                + "(last finishedAt − first startedAt). Target judged on run tasks/s. Median of " + repeats + ".");
        result.chart(new BarChart("throughput.png", "Noop throughput (" + workers + " workers)", "tasks/s",
                List.of("run (created→finished)", "execution (first start→last finish)"), List.of("Genesis"),
                List.of(List.of(e2e, exec)), TARGET_PER_S, "target 2000/s"));
        return result;
    }

    /** Runs {@code n} independent noop tasks {@code repeats} times; keys "e2e" and "exec". */
    static Samples measure(BenchContext ctx, int n, int repeats, String name) {
        Samples s = new Samples();
        for (int r = 0; r < repeats; r++) {
            RunSpec spec = DagFamilies.independent(name + "-" + r, n, TaskKind.noop());
            RunView run = ctx.watcher().submitAndWatch(spec);
            s.add("e2e", RunMetrics.endToEndThroughput(run));
            s.add("exec", RunMetrics.executionThroughput(run));
        }
        return s;
    }
}

package dev.genesis.bench.suites;

import dev.genesis.bench.dag.DagFamilies;
import dev.genesis.bench.dag.DagFamilies.TaskKind;
import dev.genesis.bench.report.BarChart;
import dev.genesis.bench.report.SuiteResult;
import dev.genesis.bench.stats.RunMetrics;
import dev.genesis.bench.stats.Samples;
import dev.genesis.common.spec.RunSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** 300 × sleep 100 ms on 1, 2 and 4 worker processes against work ÷ slots; noop throughput too. */
public final class ScalingSuite implements Suite {

    static final int[] SCALES = {1, 2, 4};
    static final int TASKS = 300;
    static final long SLEEP_MS = 100;
    static final int NOOP_TASKS = 2000;
    static final Duration SCALE_TIMEOUT = Duration.ofSeconds(150);

    @Override
    public String name() {
        return "scaling";
    }

    @Override
    public int defaultRepeats() {
        return 1;
    }

    @Override
    public SuiteResult run(BenchContext ctx, int repeats) {
        SuiteResult result = new SuiteResult(name(), "Scaling (" + TASKS + " × sleep " + SLEEP_MS + " ms)",
                List.of("workers", "slots", "ideal ms", "makespan ms", "makespan ÷ ideal", "within 10%",
                        "noop tasks/s"));
        List<String> labels = new ArrayList<>();
        List<Double> ideals = new ArrayList<>();
        List<Double> makespans = new ArrayList<>();
        try {
            for (int workers : SCALES) {
                ctx.out().println("  scaling to " + workers + " worker process(es) ...");
                ctx.api().scale(workers, SCALE_TIMEOUT);
                int slots = ctx.api().aliveSlots();
                Samples s = new Samples();
                for (int r = 0; r < repeats; r++) {
                    RunSpec spec = DagFamilies.independent("bench-scaling-" + workers + "w-" + r, TASKS,
                            TaskKind.fixedSleep(SLEEP_MS));
                    s.add("makespan", RunMetrics.makespanMs(ctx.watcher().submitAndWatch(spec)));
                }
                double throughput = ThroughputSuite.measure(ctx, NOOP_TASKS, repeats, "bench-scaling-noop-" + workers)
                        .median("e2e");
                double ideal = (double) TASKS * SLEEP_MS / Math.max(1, slots);
                double makespan = s.median("makespan");
                result.row("workers", workers, "slots", slots, "ideal ms", ideal, "makespan ms", makespan,
                        "makespan ÷ ideal", makespan / ideal, "within 10%", makespan <= ideal * 1.10,
                        "noop tasks/s", throughput);
                labels.add(workers + " worker(s)");
                ideals.add(ideal);
                makespans.add(makespan);
            }
        } finally {
            ctx.out().println("  restoring 3 worker processes ...");
            ctx.api().scale(3, SCALE_TIMEOUT);
        }
        result.note("ideal = total work ÷ alive slots; noop tasks/s = " + NOOP_TASKS + " independent noop tasks, "
                + "run tasks/s. Worker processes changed with `genesis scale N`; 3 restored at the end.");
        result.chart(new BarChart("scaling.png", "Scaling: makespan vs ideal", "ms", labels,
                List.of("ideal (work ÷ slots)", "Genesis makespan"), List.of(ideals, makespans), null, null));
        return result;
    }
}

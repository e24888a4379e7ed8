package dev.genesis.bench.suites;

import dev.genesis.bench.Quiesce;
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

/**
 * 300 × sleep 100 ms on 1, 2 and 4 worker processes against work ÷ slots, and noop throughput
 * at each size, measured first so that it also warms the worker processes the scale started.
 * The sleep run is repeated at each size as the budget allows; the worker count the stack had
 * before is restored at the end.
 */
public final class ScalingSuite implements Suite {

    static final int[] SCALES = {1, 2, 4};
    static final int TASKS = 300;
    static final long SLEEP_MS = 100;
    static final int NOOP_TASKS = 3000;
    static final Duration SCALE_TIMEOUT = Duration.ofSeconds(150);

    @Override
    public String name() {
        return "scaling";
    }

    @Override
    public int defaultRepeats() {
        return 3;
    }

    @Override
    public double weight() {
        return 160;
    }

    @Override
    public SuiteResult run(BenchContext ctx, Repetitions reps) {
        SuiteResult result = new SuiteResult(name(), "Scaling (" + TASKS + " × sleep " + SLEEP_MS + " ms)",
                List.of("workers", "slots", "runs", "ideal ms", "makespan ms", "makespan ÷ ideal", "within 10%",
                        "noop tasks/s"));
        List<String> labels = new ArrayList<>();
        List<Double> ideals = new ArrayList<>();
        List<Double> makespans = new ArrayList<>();
        List<Double> noops = new ArrayList<>();
        int before = (int) Math.max(1, ctx.api().aliveWorkers());
        reps.next(); // one pass over the worker counts; the sleep runs repeat inside it
        try {
            for (int i = 0; i < SCALES.length; i++) {
                int workers = SCALES[i];
                ctx.out().println("  scaling to " + workers + " worker process(es) ...");
                ctx.api().scale(workers, SCALE_TIMEOUT);
                Quiesce.settled(ctx.api(), ctx.out());
                int slots = ctx.api().aliveSlots();
                // First, as it also warms up the worker processes the scale just started.
                double throughput = ThroughputSuite.measure(ctx, NOOP_TASKS, Repetitions.exactly(1),
                        "bench-scaling-noop-" + workers + "w").median("e2e");
                Samples s = new Samples();
                Repetitions here = reps.share(SCALES.length - i);
                while (here.next()) {
                    RunSpec spec = DagFamilies.independent("bench-scaling-" + workers + "w-" + (here.done() - 1), TASKS,
                            TaskKind.fixedSleep(SLEEP_MS));
                    s.add("makespan", RunMetrics.makespanMs(ctx.watcher().submitAndWatch(spec)));
                }
                double ideal = (double) TASKS * SLEEP_MS / Math.max(1, slots);
                double makespan = s.median("makespan");
                result.row("workers", workers, "slots", slots, "runs", here.done(), "ideal ms", ideal,
                        "makespan ms", makespan, "makespan ÷ ideal", makespan / ideal,
                        "within 10%", makespan <= ideal * 1.10, "noop tasks/s", throughput);
                labels.add(workers + " worker(s)");
                ideals.add(ideal);
                makespans.add(makespan);
                noops.add(throughput);
            }
        } finally {
            ctx.out().println("  restoring " + before + " worker process(es) ...");
            ctx.api().scale(before, SCALE_TIMEOUT);
        }
        result.note("ideal = total work ÷ alive slots; makespan = run finishedAt − createdAt, median over the runs "
                + "column; noop tasks/s = one run of " + NOOP_TASKS + " independent noop tasks, succeeded ÷ (finishedAt "
                + "− createdAt), run first at each size, so that it also warms up the worker processes just started. "
                + "Worker processes changed with `genesis scale N`; " + before + " restored at the end.");
        result.chart(new BarChart("scaling.png", "Scaling: makespan vs ideal", "ms", labels,
                List.of("ideal (work ÷ slots)", "Genesis makespan"), List.of(ideals, makespans), null, null));
        result.chart(new BarChart("scaling-throughput.png", "Scaling: noop throughput", "tasks/s", labels,
                List.of("Genesis"), List.of(noops), null, null));
        return result;
    }
}

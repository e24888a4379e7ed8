package dev.genesis.bench.suites;

import dev.genesis.bench.api.RunView;
import dev.genesis.bench.dag.DagFamilies;
import dev.genesis.bench.dag.DagFamilies.TaskKind;
import dev.genesis.bench.report.BarChart;
import dev.genesis.bench.report.SuiteResult;
import dev.genesis.bench.stats.RunMetrics;
import dev.genesis.bench.stats.Samples;
import dev.genesis.common.spec.RunSpec;
import dev.genesis.common.spec.TaskSpec;
import dev.genesis.common.stats.Percentiles;
import java.util.ArrayList;
import java.util.List;

/**
 * Dispatch latency: per dependent noop task, its start minus the latest finish of its
 * dependencies, over a 500-task chain and 500 tasks of stacked fan-outs. The fan-outs are
 * exactly as wide as the free slots, so the figure is dispatch, not waiting for a slot.
 */
public final class LatencySuite implements Suite {

    static final int CHAIN = 500;
    static final int FAN_TASKS = 500;
    public static final double P50_TARGET_MS = 5;
    public static final double P99_TARGET_MS = 25;

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public int defaultRepeats() {
        return 3;
    }

    @Override
    public double weight() {
        return 90;
    }

    @Override
    public SuiteResult run(BenchContext ctx, Repetitions reps) {
        int slots = Math.max(1, ctx.api().aliveSlots());
        List<String> shapes = List.of("chain", "fan-out", "all");
        Samples s = new Samples();
        while (reps.next()) {
            int r = reps.done() - 1;
            RunSpec chain = DagFamilies.chain("bench-latency-chain-" + r, CHAIN, TaskKind.noop());
            RunSpec fan = stackedFanOuts("bench-latency-fanout-" + r, slots, FAN_TASKS);
            List<Double> c = RunMetrics.dispatchLatenciesMs(chain, ctx.watcher().submitAndWatch(chain));
            RunView fanRun = ctx.watcher().submitAndWatch(fan);
            List<Double> f = RunMetrics.dispatchLatenciesMs(fan, fanRun);
            List<Double> all = new ArrayList<>(c);
            all.addAll(f);
            record(s, "chain", c);
            record(s, "fan-out", f);
            record(s, "all", all);
        }
        SuiteResult result = new SuiteResult(name(), "Dispatch latency (noop tasks)",
                List.of("shape", "samples/run", "p50 ms", "p99 ms", "max ms", "p50 ≤ 5 ms", "p99 ≤ 25 ms"));
        for (String shape : shapes) {
            double p50 = s.median(shape + ".p50");
            double p99 = s.median(shape + ".p99");
            result.row("shape", shape, "samples/run", (long) s.median(shape + ".n"), "p50 ms", p50, "p99 ms", p99,
                    "max ms", s.median(shape + ".max"), "p50 ≤ 5 ms", p50 <= P50_TARGET_MS, "p99 ≤ 25 ms",
                    p99 <= P99_TARGET_MS);
        }
        ctx.genesisFigures().put("latency.p50", s.median("all.p50"));
        ctx.genesisFigures().put("latency.p99", s.median("all.p99"));
        result.note("Latency = task startedAt − max(finishedAt of its dependencies); each figure is the " + reps.describe()
                + ". Fan-outs are " + slots + " wide (= alive slots), stacked between join tasks.");
        result.chart(new BarChart("latency.png", "Dispatch latency of noop tasks (medians over runs)", "ms", shapes,
                List.of("p50", "p99"),
                List.of(shapes.stream().map(k -> s.median(k + ".p50")).toList(),
                        shapes.stream().map(k -> s.median(k + ".p99")).toList()),
                P99_TARGET_MS, "p99 target 25 ms"));
        return result;
    }

    private static void record(Samples s, String key, List<Double> latencies) {
        Percentiles.Summary sum = Percentiles.summarize(latencies);
        s.add(key + ".n", sum.count());
        s.add(key + ".p50", sum.p50());
        s.add(key + ".p99", sum.p99());
        s.add(key + ".max", sum.max());
    }

    /** join0 → W tasks → join1 → W tasks → … until about {@code total} tasks. */
    static RunSpec stackedFanOuts(String name, int width, int total) {
        List<TaskSpec> tasks = new ArrayList<>();
        String join = "join0";
        tasks.add(new TaskSpec(join, "noop", null, null, List.of(), null, null, null));
        for (int stage = 0; tasks.size() + width + 1 <= total; stage++) {
            List<String> middle = new ArrayList<>();
            for (int w = 0; w < width; w++) {
                String id = "s" + stage + "-" + w;
                tasks.add(new TaskSpec(id, "noop", null, null, List.of(join), null, null, null));
                middle.add(id);
            }
            join = "join" + (stage + 1);
            tasks.add(new TaskSpec(join, "noop", null, null, middle, null, null, null));
        }
        return new RunSpec(name, tasks);
    }
}

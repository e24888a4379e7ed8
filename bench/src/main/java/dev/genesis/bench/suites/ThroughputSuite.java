package dev.genesis.bench.suites;

import dev.genesis.bench.api.RunView;
import dev.genesis.bench.dag.DagFamilies;
import dev.genesis.bench.dag.DagFamilies.TaskKind;
import dev.genesis.bench.report.BarChart;
import dev.genesis.bench.report.SuiteResult;
import dev.genesis.bench.stats.CpuMeter;
import dev.genesis.bench.stats.RunMetrics;
import dev.genesis.bench.stats.Samples;
import dev.genesis.common.spec.RunSpec;
import dev.genesis.common.stats.Percentiles;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** End-to-end noop throughput: runs of N independent noop tasks. */
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
    public double weight() {
        return 60;
    }

    @Override
    public SuiteResult run(BenchContext ctx, Repetitions reps) {
        int n = ctx.options().throughputTasks();
        long workers = ctx.api().aliveWorkers();
        int slots = ctx.api().aliveSlots();
        CpuMeter cpu = CpuMeter.start(ctx.api().stackProcesses());
        Samples s = measure(ctx, n, reps, "bench-throughput");
        Map<String, Double> cpuPerTask = CpuMeter.perTask(cpu.elapsedMs(), (long) n * Math.max(1, reps.done()));
        double e2e = s.median("e2e");
        double exec = s.median("exec");
        ctx.genesisFigures().put("throughput.tasks", (double) n);
        ctx.genesisFigures().put("throughput.e2e", e2e);
        ctx.genesisFigures().put("throughput.exec", exec);
        ctx.genesisFigures().put("throughput.start.p50", s.median("start.p50"));
        ctx.genesisFigures().put("throughput.start.p99", s.median("start.p99"));
        SuiteResult result = new SuiteResult(name(), "Throughput (" + n + " independent noop tasks)",
                List.of("workers", "slots", "tasks", "run tasks/s", "execution tasks/s", "submit→start p50 ms",
                        "submit→start p99 ms", "≥ 2000 tasks/s"));
        result.row("workers", workers, "slots", slots, "tasks", n, "run tasks/s", e2e, "execution tasks/s", exec,
                "submit→start p50 ms", s.median("start.p50"), "submit→start p99 ms", s.median("start.p99"),
                "≥ 2000 tasks/s", e2e >= TARGET_PER_S);
        result.note("run tasks/s = succeeded ÷ (run finishedAt − createdAt); execution tasks/s = succeeded ÷ "
                + "(last finishedAt − first startedAt); submit→start = task startedAt − run createdAt (queueing "
                + "included). Target judged on run tasks/s. " + reps.describe() + ".");
        if (cpuPerTask.size() > 1) {
            StringBuilder where = new StringBuilder("CPU time per task, by process (all repetitions; the OS's count"
                    + " for the processes ./genesis started — PostgreSQL, Redis and this benchmark not included): ");
            cpuPerTask.forEach((process, ms) -> where.append(String.format(Locale.ROOT, "%s %.2f ms, ", process, ms)));
            where.append(String.format(Locale.ROOT, "so %d cores allow at most ~%.0f tasks/s.",
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().availableProcessors() * 1000 / cpuPerTask.get("total")));
            result.note(where.toString());
            cpuPerTask.forEach((process, ms) -> ctx.genesisFigures().put("throughput.cpuMsPerTask." + process, ms));
        }
        result.chart(new BarChart("throughput.png", "Noop throughput (" + workers + " workers, " + n + " tasks)",
                "tasks/s", List.of("run (created→finished)", "execution (first start→last finish)"), List.of("Genesis"),
                List.of(List.of(e2e, exec)), TARGET_PER_S, "target 2000/s"));
        return result;
    }

    /**
     * Runs {@code n} independent noop tasks once per repetition; keys "e2e", "exec" (tasks/s),
     * "start.p50" and "start.p99" (ms from submit to start).
     */
    static Samples measure(BenchContext ctx, int n, Repetitions reps, String name) {
        Samples s = new Samples();
        while (reps.next()) {
            RunSpec spec = DagFamilies.independent(name + "-" + (reps.done() - 1), n, TaskKind.noop());
            RunView run = ctx.watcher().submitAndWatch(spec);
            s.add("e2e", RunMetrics.endToEndThroughput(run));
            s.add("exec", RunMetrics.executionThroughput(run));
            Percentiles.Summary start = Percentiles.summarize(RunMetrics.submitToStartMs(run));
            s.add("start.p50", start.p50());
            s.add("start.p99", start.p99());
        }
        return s;
    }
}

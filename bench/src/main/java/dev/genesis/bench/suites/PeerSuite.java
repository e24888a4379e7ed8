package dev.genesis.bench.suites;

import dev.genesis.bench.dag.DagFamilies;
import dev.genesis.bench.dag.DagFamilies.TaskKind;
import dev.genesis.bench.peer.JobRunrPeer;
import dev.genesis.bench.report.BarChart;
import dev.genesis.bench.report.SuiteResult;
import dev.genesis.bench.stats.RunMetrics;
import dev.genesis.bench.stats.Samples;
import dev.genesis.common.spec.RunSpec;
import dev.genesis.common.stats.Percentiles;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * JobRunr 8.2.0 with PostgreSQL storage, in this JVM, against Genesis on the same no-op work:
 * the same batch size, as many JobRunr workers as Genesis has alive slots, in the same
 * invocation. Genesis' figures come from the throughput and latency suites of this invocation
 * when they ran with the same batch size, or are measured here.
 */
public final class PeerSuite implements Suite {

    static final int GENESIS_CHAIN = 200;

    @Override
    public String name() {
        return "peer";
    }

    @Override
    public int defaultRepeats() {
        return 1;
    }

    @Override
    public double weight() {
        return 35;
    }

    @Override
    public SuiteResult run(BenchContext ctx, Repetitions reps) throws Exception {
        reps.next();
        int slots = Math.max(1, ctx.api().aliveSlots());
        int jobs = ctx.options().peerJobs();
        Map<String, Double> figures = ctx.genesisFigures();
        boolean reused = figures.getOrDefault("throughput.tasks", -1.0) == jobs;
        if (!reused) {
            Samples s = ThroughputSuite.measure(ctx, jobs, Repetitions.exactly(1), "bench-peer-batch");
            figures.put("throughput.tasks", (double) jobs);
            figures.put("throughput.e2e", s.median("e2e"));
            figures.put("throughput.exec", s.median("exec"));
            figures.put("throughput.start.p50", s.median("start.p50"));
            figures.put("throughput.start.p99", s.median("start.p99"));
        }
        if (!figures.containsKey("latency.p50")) {
            RunSpec chain = DagFamilies.chain("bench-peer-chain", GENESIS_CHAIN, TaskKind.noop());
            var sum = Percentiles.summarize(RunMetrics.dispatchLatenciesMs(chain, ctx.watcher().submitAndWatch(chain)));
            figures.put("latency.p50", sum.p50());
            figures.put("latency.p99", sum.p99());
        }
        ctx.out().println("  JobRunr: " + jobs + " noop jobs on " + slots + " workers, then a chain of "
                + ctx.options().peerChain() + " ...");
        JobRunrPeer peer = new JobRunrPeer(ctx.options().peerJdbcUrl(), "postgres", Duration.ofSeconds(
                ctx.options().runTimeoutS()));
        JobRunrPeer.Figures jr = peer.measure(jobs, slots, ctx.options().peerChain());
        double gT = figures.get("throughput.e2e");
        double gX = figures.get("throughput.exec");
        double gS50 = figures.get("throughput.start.p50");
        double gS99 = figures.get("throughput.start.p99");
        double g50 = figures.get("latency.p50");
        double g99 = figures.get("latency.p99");
        SuiteResult result = new SuiteResult(name(), "Peer: JobRunr 8.2.0 (PostgreSQL) vs Genesis, " + jobs
                + " no-op jobs, " + slots + " workers/slots", List.of("metric", "better", "Genesis", "JobRunr",
                "Genesis ÷ JobRunr"));
        row(result, "throughput, submit→last finish (jobs/s)", "higher", gT, jr.throughputPerS());
        row(result, "throughput, first start→last finish (jobs/s)", "higher", gX, jr.executionThroughputPerS());
        row(result, "batch enqueue→start p50 (ms)", "lower", gS50, jr.batchEnqueueToStartMs().p50());
        row(result, "batch enqueue→start p99 (ms)", "lower", gS99, jr.batchEnqueueToStartMs().p99());
        row(result, "dependent enqueue→start p50 (ms)", "lower", g50, jr.chainLatencyMs().p50());
        row(result, "dependent enqueue→start p99 (ms)", "lower", g99, jr.chainLatencyMs().p99());
        result.note("Both ran " + jobs + " no-op jobs submitted at once: Genesis as one run of independent noop tasks "
                + (reused ? "(the throughput suite's runs, median)" : "(one run)") + ", JobRunr as " + jobs
                + " JobRequest jobs enqueued in one call, " + slots + " workers (= Genesis alive slots), "
                + "PostgresStorageProvider, table prefix " + JobRunrPeer.TABLE_PREFIX + " (dropped before and after).");
        result.note("Batch enqueue→start: Genesis task startedAt − run createdAt; JobRunr job start − enqueue call.");
        result.note("Dependent enqueue→start: Genesis = dependent task start − its dependency's finish (latency "
                + "suite, or a " + GENESIS_CHAIN + "-task chain); JobRunr = a job enqueued by its finishing "
                + "predecessor, enqueue → start (" + ctx.options().peerChain() + "-link chain, first link dropped).");
        result.note("JobRunr poll interval " + JobRunrPeer.POLL_INTERVAL.toSeconds() + " s: the smallest it allows "
                + "for SQL storage (it rejects shorter ones).");
        result.chart(new BarChart("peer-throughput.png", "No-op throughput: Genesis vs JobRunr (" + jobs + " jobs)",
                "jobs/s", List.of("submit→last finish", "first start→last finish"), List.of("Genesis", "JobRunr"),
                List.of(List.of(gT, gX), List.of(jr.throughputPerS(), jr.executionThroughputPerS())), null, null));
        result.chart(new BarChart("peer-latency.png", "Enqueue→start: Genesis vs JobRunr (log scale)", "ms",
                List.of("batch p50", "batch p99", "dependent p50", "dependent p99"), List.of("Genesis", "JobRunr"),
                List.of(List.of(gS50, gS99, g50, g99), List.of(jr.batchEnqueueToStartMs().p50(),
                        jr.batchEnqueueToStartMs().p99(), jr.chainLatencyMs().p50(), jr.chainLatencyMs().p99())),
                null, null, true));
        return result;
    }

    private static void row(SuiteResult result, String metric, String better, double genesis, double jobRunr) {
        result.row("metric", metric, "better", better, "Genesis", genesis, "JobRunr", jobRunr, "Genesis ÷ JobRunr",
                genesis / jobRunr);
    }
}

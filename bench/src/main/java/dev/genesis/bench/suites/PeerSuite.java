package dev.genesis.bench.suites;

import dev.genesis.bench.dag.DagFamilies;
import dev.genesis.bench.dag.DagFamilies.TaskKind;
import dev.genesis.bench.peer.JobRunrPeer;
import dev.genesis.bench.report.BarChart;
import dev.genesis.bench.report.SuiteResult;
import dev.genesis.bench.stats.Percentiles;
import dev.genesis.bench.stats.RunMetrics;
import dev.genesis.common.spec.RunSpec;
import java.time.Duration;
import java.util.List;

/**
 * JobRunr 8.2.0 with PostgreSQL storage, in this JVM, against Genesis on the same no-op work
 * with as many JobRunr workers as Genesis has alive slots. Genesis' figures come from the
 * latency and throughput suites of this invocation, or are measured here if they did not run.
 */
public final class PeerSuite implements Suite {

    @Override
    public String name() {
        return "peer";
    }

    @Override
    public int defaultRepeats() {
        return 1;
    }

    @Override
    public SuiteResult run(BenchContext ctx, int repeats) throws Exception {
        int slots = Math.max(1, ctx.api().aliveSlots());
        int jobs = ctx.options().peerJobs();
        var figures = ctx.genesisFigures();
        if (!figures.containsKey("throughput.e2e")) {
            var s = ThroughputSuite.measure(ctx, ctx.options().throughputTasks(), 1, "bench-peer-throughput");
            figures.put("throughput.e2e", s.median("e2e"));
            figures.put("throughput.exec", s.median("exec"));
        }
        if (!figures.containsKey("latency.p50")) {
            RunSpec chain = DagFamilies.chain("bench-peer-chain", 200, TaskKind.noop());
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
        double g50 = figures.get("latency.p50");
        double g99 = figures.get("latency.p99");
        SuiteResult result = new SuiteResult(name(), "Peer: JobRunr 8.2.0 (PostgreSQL) vs Genesis",
                List.of("metric", "Genesis", "JobRunr", "Genesis ÷ JobRunr"));
        result.row("metric", "throughput, submit→last finish (jobs/s)", "Genesis", gT, "JobRunr", jr.throughputPerS(),
                "Genesis ÷ JobRunr", gT / jr.throughputPerS());
        result.row("metric", "throughput, first start→last finish (jobs/s)", "Genesis", gX, "JobRunr",
                jr.executionThroughputPerS(), "Genesis ÷ JobRunr", gX / jr.executionThroughputPerS());
        result.row("metric", "dependent start latency p50 (ms)", "Genesis", g50, "JobRunr", jr.chainLatencyMs().p50(),
                "Genesis ÷ JobRunr", g50 / jr.chainLatencyMs().p50());
        result.row("metric", "dependent start latency p99 (ms)", "Genesis", g99, "JobRunr", jr.chainLatencyMs().p99(),
                "Genesis ÷ JobRunr", g99 / jr.chainLatencyMs().p99());
        result.row("metric", "JobRunr batch enqueue→start p50 / p99 (ms)", "JobRunr",
                String.format(java.util.Locale.ROOT, "%.0f / %.0f", jr.batchEnqueueToStartMs().p50(),
                        jr.batchEnqueueToStartMs().p99()));
        result.note("Genesis throughput is from its " + ctx.options().throughputTasks() + "-task noop run; JobRunr's "
                + "batch is smaller (--peer-jobs) because it drains only a few pages per poll here.");
        result.note("JobRunr ran " + jobs + " no-op JobRequest jobs with " + slots + " workers (= Genesis alive slots) "
                + "on PostgresStorageProvider, table prefix " + JobRunrPeer.TABLE_PREFIX + " (dropped before and after).");
        result.note("JobRunr poll interval " + JobRunrPeer.POLL_INTERVAL.toSeconds() + " s: the smallest it allows "
                + "for SQL storage (it rejects shorter ones).");
        result.note("Latency: Genesis = dependent task start − dependency finish; JobRunr = a job enqueued by its "
                + "finishing predecessor, enqueue → start (" + ctx.options().peerChain() + "-link chain, first link dropped).");
        result.chart(new BarChart("peer-throughput.png", "Noop throughput: Genesis vs JobRunr", "jobs/s",
                List.of("submit→last finish", "first start→last finish"), List.of("Genesis", "JobRunr"),
                List.of(List.of(gT, gX), List.of(jr.throughputPerS(), jr.executionThroughputPerS())), null, null));
        result.chart(new BarChart("peer-latency.png", "Dependent start latency: Genesis vs JobRunr", "ms",
                List.of("p50", "p99"), List.of("Genesis", "JobRunr"),
                List.of(List.of(g50, g99), List.of(jr.chainLatencyMs().p50(), jr.chainLatencyMs().p99())), null, null));
        return result;
    }
}

package dev.genesis.bench.suites;

import dev.genesis.bench.Quiesce;
import dev.genesis.bench.api.RunView;
import dev.genesis.bench.api.TaskView;
import dev.genesis.bench.report.BarChart;
import dev.genesis.bench.report.SuiteResult;
import dev.genesis.bench.stats.RunMetrics;
import dev.genesis.bench.stats.Samples;
import dev.genesis.common.spec.RetryPolicy;
import dev.genesis.common.spec.RunSpec;
import dev.genesis.common.spec.TaskSpec;
import dev.genesis.common.stats.Percentiles;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Crash recovery: kill -9 the worker running a long sleep and time the next attempt's start
 * and the run's end. Needs at least two workers; restores the earlier worker count.
 */
public final class RecoverySuite implements Suite {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final Duration SCALE_TIMEOUT = Duration.ofSeconds(150);
    static final Duration CANCEL_WAIT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "recovery";
    }

    @Override
    public int defaultRepeats() {
        return 3;
    }

    @Override
    public double weight() {
        return 140;
    }

    @Override
    public SuiteResult run(BenchContext ctx, Repetitions reps) {
        int before = (int) ctx.api().aliveWorkers();
        long sleepMs = ctx.options().recoverySleepMs();
        Samples s = new Samples();
        int workers = Math.max(2, before);
        try {
            while (reps.next()) {
                if (ctx.api().aliveWorkers() < 2) {
                    ctx.out().println("  starting workers (recovery needs a survivor) ...");
                    ctx.api().scale(workers, SCALE_TIMEOUT);
                }
                once(ctx, sleepMs, reps.done() - 1, workers, s);
                // A worker killed while the group rebalances holds it until its Kafka session ends
                // (a minute of no dispatching): that is another measurement, so the next kill (and
                // the next suite) waits until the group has taken the killed worker's partitions
                // back and the restarted one in. Counted in this repetition, for the budget.
                Quiesce.settled(ctx.api(), ctx.out());
            }
        } finally {
            ctx.out().println("  restoring " + Math.max(1, before) + " worker process(es) ...");
            ctx.api().scale(Math.max(1, before), SCALE_TIMEOUT);
        }
        SuiteResult result = new SuiteResult(name(), "Crash recovery (kill -9 of the worker running a "
                + sleepMs + " ms sleep)", List.of("runs", "kill → next attempt started ms", "worst of the runs ms",
                "kill → run finished ms", "run state"));
        result.row("runs", s.all("restart").size(), "kill → next attempt started ms", s.median("restart"),
                "worst of the runs ms", Percentiles.max(s.all("restart")),
                "kill → run finished ms", s.median("end"), "run state", s.all("succeeded").stream().allMatch(v -> v == 1.0) ? "SUCCEEDED" : "not all SUCCEEDED");
        result.note("The next attempt cannot start before the coordinator declares the worker dead (dead-after, 5 s "
                + "by default); the run cannot end before that plus the full sleep. " + reps.describe() + "; the killed "
                + "worker is started again (`genesis scale`) while the next attempt sleeps, and each kill "
                + "waits until the workers' partitions have settled, which takes until the killed consumer's Kafka "
                + "session expires (a kill mid-rebalance stalls dispatching for that long: not measured here).");
        result.chart(new BarChart("recovery.png", "Crash recovery", "ms", List.of("to next attempt", "to run end"),
                List.of("Genesis"), List.of(List.of(s.median("restart"), s.median("end"))), null, null));
        return result;
    }

    /**
     * One kill: times the next attempt's start, then starts the killed worker again while the
     * attempt sleeps (its pid file is stale, so {@code genesis scale} starts it) and waits for
     * the run's end and the restart.
     */
    private static void once(BenchContext ctx, long sleepMs, int r, int workers, Samples s) {
        TaskSpec task = new TaskSpec("long", "sleep", java.util.Map.of("ms", sleepMs), null, List.of(), null, null,
                new RetryPolicy(3, 100L, null, null));
        RunSpec spec = new RunSpec("bench-recovery-" + r, List.of(task));
        String runId = ctx.api().submit(spec);
        TaskView running = awaitTask(ctx, runId, t -> "RUNNING".equals(t.state()) && t.worker() != null, "RUNNING");
        OptionalLong pid = ctx.api().workerPid(running.worker());
        if (pid.isEmpty()) {
            ctx.api().cancelAndAwait(runId, CANCEL_WAIT);
            throw new IllegalStateException("worker " + running.worker() + " is not one of this stack's worker-*.pid "
                    + "processes; not killing anything");
        }
        ProcessHandle process = ProcessHandle.of(pid.getAsLong()).orElseThrow(
                () -> new IllegalStateException("worker process " + pid.getAsLong() + " is gone"));
        ctx.out().println("  killing worker " + running.worker() + " (pid " + pid.getAsLong() + ") with SIGKILL");
        Instant killedAt = Instant.now();
        process.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no goodbye heartbeat
        int attempt = running.attemptOrZero();
        TaskView again = awaitTask(ctx, runId, t -> t.attemptOrZero() > attempt && t.startedAt() != null,
                "attempt " + (attempt + 1) + " started");
        Process restart = ctx.api().startScale(workers);
        RunView end;
        try {
            end = ctx.watcher().watch(runId, spec.name(), 1);
        } finally {
            ctx.api().awaitScale(restart, workers, SCALE_TIMEOUT);
        }
        s.add("restart", RunMetrics.millisBetween(killedAt, again.startedAt()));
        s.add("end", RunMetrics.millisBetween(killedAt, end.finishedAt()));
        s.add("succeeded", "SUCCEEDED".equals(end.state()) ? 1 : 0);
    }

    private static TaskView awaitTask(BenchContext ctx, String runId, java.util.function.Predicate<TaskView> condition,
            String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            TaskView t = ctx.api().run(runId).task("long");
            if (t != null && condition.test(t)) {
                return t;
            }
            LockSupport.parkNanos(Duration.ofMillis(ctx.options().pollMs()).toNanos());
        }
        ctx.api().cancelAndAwait(runId, CANCEL_WAIT);
        throw new IllegalStateException("task never reached '" + what + "' within " + WAIT.toSeconds() + " s");
    }
}

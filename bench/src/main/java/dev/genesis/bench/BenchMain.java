package dev.genesis.bench;

import dev.genesis.bench.api.StackApi;
import dev.genesis.bench.report.ResultsWriter;
import dev.genesis.bench.report.SuiteResult;
import dev.genesis.bench.suites.BenchContext;
import dev.genesis.bench.suites.LatencySuite;
import dev.genesis.bench.suites.MakespanSuite;
import dev.genesis.bench.suites.PeerSuite;
import dev.genesis.bench.suites.RecoverySuite;
import dev.genesis.bench.suites.Repetitions;
import dev.genesis.bench.suites.ScalingSuite;
import dev.genesis.bench.suites.Suite;
import dev.genesis.bench.suites.ThroughputSuite;
import dev.genesis.bench.suites.TracesSuite;
import dev.genesis.bench.suites.Warmup;
import dev.genesis.bench.suites.WorkspaceSuite;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Entry point of {@code ./genesis bench [SUITE...]}: runs the chosen suites against a live
 * stack, one after another, and writes results.json, summary.md and PNG charts. A failing
 * suite is reported in the results and the exit code; the others still run.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        // JobRunr (the peer suite) logs every migration at INFO; its warnings and errors still show.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.jobrunr.jobs.filters", "error");
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options, System.out));
    }

    /** Every suite, in {@link BenchOptions#KNOWN} order (the opt-in ones run only when named). */
    static List<Suite> allSuites() {
        return List.of(new LatencySuite(), new ThroughputSuite(), new MakespanSuite(), new TracesSuite(),
                new ScalingSuite(), new PeerSuite(), new RecoverySuite(), new WorkspaceSuite());
    }

    static int run(BenchOptions options, PrintStream out) {
        StackApi api = new StackApi(options.queueUrl(), options.coordinatorUrl(), options.root());
        RunWatcher watcher = new RunWatcher(api, Duration.ofMillis(options.pollMs()),
                Duration.ofSeconds(options.runTimeoutS()), out);
        BenchContext ctx = new BenchContext(options, api, watcher, out);
        Instant started = Instant.now();
        long budgetEnd = System.nanoTime() + Duration.ofSeconds(options.budgetS()).toNanos();
        List<Suite> chosen = allSuites().stream().filter(s -> options.suites().contains(s.name())).toList();
        List<SuiteResult> results = new ArrayList<>();
        int failures = 0;
        if (options.warmupTasks() > 0 && chosen.stream().anyMatch(Suite::needsWarmup)) {
            out.printf(Locale.ROOT, "%n== warm-up (%d noop tasks, not measured) ==%n", options.warmupTasks());
            long t0 = System.nanoTime();
            try {
                Quiesce.idle(api, out);
                results.add(Warmup.run(ctx, options.warmupTasks()).took((System.nanoTime() - t0) / 1e9, 1));
            } catch (Exception | AssertionError e) {
                // A failed warm-up costs the figures their steady state, not the suites their run.
                out.println("  warm-up failed: " + e);
            }
        }
        for (int i = 0; i < chosen.size(); i++) {
            Suite suite = chosen.get(i);
            Repetitions reps = repetitions(options, suite, chosen.subList(i, chosen.size()),
                    Duration.ofNanos(Math.max(0, budgetEnd - System.nanoTime())));
            out.printf(Locale.ROOT, "%n== %s (%s) ==%n", suite.name(), reps.fixed()
                    ? reps.max() + " repetition(s)" : "up to " + reps.max() + " repetition(s)");
            long t0 = System.nanoTime();
            SuiteResult result;
            try {
                Quiesce.idle(api, out);
                result = suite.run(ctx, reps);
            } catch (Exception | AssertionError e) {
                failures++;
                out.println();
                out.println("  FAILED: " + e);
                result = new SuiteResult(suite.name(), suite.name() + " (failed)", List.of("error"))
                        .row("error", String.valueOf(e.getMessage()))
                        .note("The suite failed: " + e);
            }
            result.took((System.nanoTime() - t0) / 1e9, reps.done());
            results.add(result);
            out.printf(Locale.ROOT, "  %s took %.1f s%n", suite.name(), result.tookSeconds());
        }
        double total = Duration.between(started, Instant.now()).toMillis() / 1e3;
        try {
            Path dir = options.out();
            for (Path p : new ResultsWriter(dir).write(started, total, options.settings(), results)) {
                out.println("wrote " + p);
            }
        } catch (Exception e) {
            out.println("bench: could not write results: " + e);
            return 1;
        }
        out.printf(Locale.ROOT, "bench finished in %.1f s%s%n", total,
                failures == 0 ? "" : " with " + failures + " failed suite(s)");
        return failures == 0 ? 0 : 1;
    }

    /**
     * --repeat K, or up to the suite's default within its share of what is left of the budget:
     * shares follow the suites' weights, so time a suite leaves unused goes to the later ones.
     */
    static Repetitions repetitions(BenchOptions options, Suite suite, List<Suite> remaining, Duration left) {
        if (options.repeat() != null) {
            return Repetitions.exactly(options.repeat());
        }
        double weights = remaining.stream().mapToDouble(Suite::weight).sum();
        return Repetitions.within(suite.defaultRepeats(),
                Duration.ofMillis(Math.round(left.toMillis() * suite.weight() / weights)));
    }
}

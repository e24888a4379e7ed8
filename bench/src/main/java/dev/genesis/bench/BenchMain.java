package dev.genesis.bench;

import dev.genesis.bench.api.StackApi;
import dev.genesis.bench.report.ResultsWriter;
import dev.genesis.bench.report.SuiteResult;
import dev.genesis.bench.suites.BenchContext;
import dev.genesis.bench.suites.LatencySuite;
import dev.genesis.bench.suites.MakespanSuite;
import dev.genesis.bench.suites.PeerSuite;
import dev.genesis.bench.suites.RecoverySuite;
import dev.genesis.bench.suites.ScalingSuite;
import dev.genesis.bench.suites.Suite;
import dev.genesis.bench.suites.ThroughputSuite;
import dev.genesis.bench.suites.TracesSuite;
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

    static List<Suite> allSuites() {
        return List.of(new LatencySuite(), new ThroughputSuite(), new MakespanSuite(), new TracesSuite(),
                new ScalingSuite(), new PeerSuite(), new RecoverySuite());
    }

    static int run(BenchOptions options, PrintStream out) {
        StackApi api = new StackApi(options.queueUrl(), options.coordinatorUrl(), options.root());
        RunWatcher watcher = new RunWatcher(api, Duration.ofMillis(options.pollMs()),
                Duration.ofSeconds(options.runTimeoutS()), out);
        BenchContext ctx = new BenchContext(options, api, watcher, out);
        Instant started = Instant.now();
        List<SuiteResult> results = new ArrayList<>();
        int failures = 0;
        for (Suite suite : allSuites()) {
            if (!options.suites().contains(suite.name())) {
                continue;
            }
            int repeats = options.repeatsFor(suite.defaultRepeats());
            out.printf(Locale.ROOT, "%n== %s (%d repetition%s) ==%n", suite.name(), repeats, repeats == 1 ? "" : "s");
            long t0 = System.nanoTime();
            try {
                results.add(suite.run(ctx, repeats));
            } catch (Exception | AssertionError e) {
                failures++;
                out.println();
                out.println("  FAILED: " + e);
                results.add(new SuiteResult(suite.name(), suite.name() + " (failed)", List.of("error"))
                        .row("error", String.valueOf(e.getMessage()))
                        .note("The suite failed: " + e));
            }
            out.printf(Locale.ROOT, "  %s took %.1f s%n", suite.name(), (System.nanoTime() - t0) / 1e9);
        }
        try {
            Path dir = options.out();
            for (Path p : new ResultsWriter(dir).write(started, options.settings(), results)) {
                out.println("wrote " + p);
            }
        } catch (Exception e) {
            out.println("bench: could not write results: " + e);
            return 1;
        }
        out.printf(Locale.ROOT, "bench finished in %.1f s%s%n", Duration.between(started, Instant.now()).toMillis() / 1e3,
                failures == 0 ? "" : " with " + failures + " failed suite(s)");
        return failures == 0 ? 0 : 1;
    }
}

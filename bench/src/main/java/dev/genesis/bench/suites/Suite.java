package dev.genesis.bench.suites;

import dev.genesis.bench.report.SuiteResult;

/** One benchmark suite, selectable by name on the command line. */
public interface Suite {

    String name();

    /** The most repetitions when --repeat is not given (the time budget may allow fewer). */
    int defaultRepeats();

    /**
     * The suite's share of the time budget, relative to the others: roughly its seconds on a
     * two-core machine under moderate load at its default repetitions.
     */
    double weight();

    SuiteResult run(BenchContext ctx, Repetitions reps) throws Exception;

    /**
     * Whether the stack's warm-up (noop runs, see {@link Warmup}) should run before this suite:
     * false for a suite that measures no runs and warms up what it measures itself.
     */
    default boolean needsWarmup() {
        return true;
    }
}

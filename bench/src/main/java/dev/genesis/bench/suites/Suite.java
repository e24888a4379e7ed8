package dev.genesis.bench.suites;

import dev.genesis.bench.report.SuiteResult;

/** One benchmark suite, selectable by name on the command line. */
public interface Suite {

    String name();

    /** Repetitions when --repeat is not given: 3 for fast suites, 1 for slow ones. */
    int defaultRepeats();

    SuiteResult run(BenchContext ctx, int repeats) throws Exception;
}

package dev.genesis.bench.suites;

import dev.genesis.bench.BenchOptions;
import dev.genesis.bench.RunWatcher;
import dev.genesis.bench.api.StackApi;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every suite gets: the options, the stack client, a run watcher, the console, and the
 * Genesis figures earlier suites measured (so the peer suite compares within one invocation).
 */
public record BenchContext(BenchOptions options, StackApi api, RunWatcher watcher, PrintStream out,
        Map<String, Double> genesisFigures) {

    public BenchContext(BenchOptions options, StackApi api, RunWatcher watcher, PrintStream out) {
        this(options, api, watcher, out, new ConcurrentHashMap<>());
    }
}

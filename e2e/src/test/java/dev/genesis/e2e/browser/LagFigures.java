package dev.genesis.e2e.browser;

import java.util.Collection;
import java.util.List;

/** Nearest-rank percentiles of a set of lag samples, in milliseconds. */
public record LagFigures(int samples, long p50Ms, long p99Ms, long maxMs) {

    public static LagFigures of(Collection<Long> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Long> sorted = values.stream().sorted().toList();
        return new LagFigures(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    private static long rank(List<Long> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}

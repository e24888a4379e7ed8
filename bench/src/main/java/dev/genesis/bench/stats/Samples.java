package dev.genesis.bench.stats;

import dev.genesis.common.stats.Percentiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Figures collected over repetitions, keyed by name; the report shows their median. */
public final class Samples {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    public void add(String key, double value) {
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    public double median(String key) {
        return Percentiles.median(values.getOrDefault(key, List.of()));
    }

    public List<Double> all(String key) {
        return values.getOrDefault(key, List.of());
    }
}

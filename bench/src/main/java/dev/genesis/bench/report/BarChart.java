package dev.genesis.bench.report;

import java.util.List;

/**
 * A grouped bar chart: one group per category, one bar per series, and an optional horizontal
 * target line.
 *
 * @param file the PNG file name, e.g. {@code latency.png}
 * @param values values[series][category]; NaN draws no bar
 * @param target where the target line goes, or null for none
 * @param logScale a logarithmic value axis, for values that span decades (then values ≤ 0 draw no bar)
 */
public record BarChart(String file, String title, String unit, List<String> categories, List<String> series,
        List<List<Double>> values, Double target, String targetLabel, boolean logScale) {

    /** A chart with a linear value axis. */
    public BarChart(String file, String title, String unit, List<String> categories, List<String> series,
            List<List<Double>> values, Double target, String targetLabel) {
        this(file, title, unit, categories, series, values, target, targetLabel, false);
    }

    public BarChart {
        if (values.size() != series.size()) {
            throw new IllegalArgumentException("one list of values per series");
        }
        for (List<Double> v : values) {
            if (v.size() != categories.size()) {
                throw new IllegalArgumentException("one value per category in every series");
            }
        }
    }
}

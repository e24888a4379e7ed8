package dev.genesis.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The value axis of a bar chart: where a value lands (0 at the bottom, 1 at the top) and the
 * values that get a gridline. Linear from zero, or logarithmic over whole decades.
 */
record Axis(boolean log, double low, double high, double step) {

    /** An axis that holds every finite value given (and the target, if any) with headroom. */
    static Axis fitting(List<Double> values, Double target, boolean log) {
        List<Double> all = new ArrayList<>(values);
        if (target != null) {
            all.add(target);
        }
        if (!log) {
            double max = all.stream().filter(v -> v != null && Double.isFinite(v)).mapToDouble(Double::doubleValue)
                    .max().orElse(0);
            if (max <= 0) {
                return new Axis(false, 0, 1, 0.2);
            }
            double step = niceStep(max * 1.1 / 5);
            return new Axis(false, 0, step * Math.ceil(max * 1.1 / step), step);
        }
        double[] positive = all.stream().filter(v -> v != null && Double.isFinite(v) && v > 0)
                .mapToDouble(Double::doubleValue).toArray();
        if (positive.length == 0) {
            return new Axis(true, 1, 10, 10);
        }
        double min = java.util.Arrays.stream(positive).min().getAsDouble();
        double max = java.util.Arrays.stream(positive).max().getAsDouble();
        double low = Math.pow(10, Math.floor(Math.log10(min)));
        double high = Math.pow(10, Math.ceil(Math.log10(max * 1.15)));
        return new Axis(true, low, high <= low ? low * 10 : high, 10);
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code raw}. */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw * (1 - 1e-9)) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** Where {@code v} lands between the bottom (0) and the top (1); NaN for a value not drawn. */
    double fraction(double v) {
        if (!Double.isFinite(v) || log && v <= 0) {
            return Double.NaN;
        }
        double f = log ? (Math.log10(v) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))
                : (v - low) / (high - low);
        return Math.max(0, Math.min(1, f));
    }

    /** Gridline values: every decade on a log axis, round steps (1, 2, 2.5 or 5 × 10^k) on a linear one. */
    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            for (double v = low; v <= high * 1.0001; v *= 10) {
                ticks.add(v);
            }
        } else {
            long n = Math.round((high - low) / step);
            for (long i = 0; i <= n; i++) {
                ticks.add(low + step * i);
            }
        }
        return ticks;
    }
}

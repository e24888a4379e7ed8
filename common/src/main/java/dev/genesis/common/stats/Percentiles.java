package dev.genesis.common.stats;

import java.util.Collection;

/** Nearest-rank percentiles and medians over samples; an empty sample set gives NaN. */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * The nearest-rank percentile: the smallest sample with at least {@code q} percent of the
     * samples at or below it. Nearest-rank never invents a value that was not measured.
     */
    public static double of(Collection<? extends Number> samples, double q) {
        if (q < 0 || q > 100) {
            throw new IllegalArgumentException("percentile must be within 0..100: " + q);
        }
        double[] sorted = samples.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** The median; the mean of the two middle samples for an even count. */
    public static double median(Collection<? extends Number> samples) {
        double[] sorted = samples.stream().mapToDouble(Number::doubleValue).filter(d -> !Double.isNaN(d)).sorted()
                .toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    public static double max(Collection<? extends Number> samples) {
        return samples.stream().mapToDouble(Number::doubleValue).max().orElse(Double.NaN);
    }

    /** p50, p99 and max in one go, the summary every latency figure gets. */
    public static Summary summarize(Collection<? extends Number> samples) {
        return new Summary(samples.size(), of(samples, 50), of(samples, 99), max(samples));
    }

    /** A latency summary in the unit of its samples. */
    public record Summary(int count, double p50, double p99, double max) {
    }
}

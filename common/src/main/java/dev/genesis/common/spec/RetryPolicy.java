package dev.genesis.common.spec;

/**
 * How often a task is tried and how long to wait between tries: exponential backoff from
 * {@code backoffMs}, multiplied by {@code multiplier} per failure, capped by {@code maxBackoffMs},
 * with up to 20% random jitter.
 */
public record RetryPolicy(Integer maxAttempts, Long backoffMs, Double multiplier, Long maxBackoffMs) {

    public static final RetryPolicy NONE = new RetryPolicy(1, 0L, 2.0, 60_000L);

    public int effectiveMaxAttempts() {
        return maxAttempts == null ? 1 : maxAttempts;
    }

    public long effectiveBackoffMs() {
        return backoffMs == null ? 1_000L : backoffMs;
    }

    public double effectiveMultiplier() {
        return multiplier == null ? 2.0 : multiplier;
    }

    public long effectiveMaxBackoffMs() {
        return maxBackoffMs == null ? 300_000L : maxBackoffMs;
    }

    /** The delay before try number {@code failures + 1}, given a jitter draw in [0, 1). */
    public long delayAfter(int failures, double jitterDraw) {
        double base = effectiveBackoffMs() * Math.pow(effectiveMultiplier(), Math.max(0, failures - 1));
        double capped = Math.min(base, effectiveMaxBackoffMs());
        return Math.round(capped * (1.0 + 0.2 * jitterDraw));
    }
}

package dev.genesis.bench.suites;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How many repetitions a suite runs. With {@code --repeat K} exactly K. Otherwise up to the
 * suite's default, but a further repetition starts only if, judged by how long the last one
 * took, at least half of it fits in the suite's share of the time budget (the overrun comes out
 * of the later suites' shares): {@code ./genesis bench} must end
 * in minutes on a quiet machine and still end on a loaded one, with fewer repetitions (the
 * report says how many ran). The first repetition always runs.
 */
public final class Repetitions {

    private final int max;
    private final boolean fixed;
    private final long allotmentNanos;
    private final LongSupplier clock;
    private final long start;
    private long lastStart;
    private int done;
    private boolean cutShort;

    Repetitions(int max, boolean fixed, Duration allotment, LongSupplier nanoClock) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one repetition");
        }
        this.max = max;
        this.fixed = fixed;
        this.allotmentNanos = allotment.toNanos();
        this.clock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    /** Exactly {@code k} repetitions, whatever they take ({@code --repeat K}). */
    public static Repetitions exactly(int k) {
        return new Repetitions(k, true, Duration.ZERO, System::nanoTime);
    }

    /** Up to {@code max} repetitions within {@code allotment}, timed from now. */
    public static Repetitions within(int max, Duration allotment) {
        return new Repetitions(max, false, allotment, System::nanoTime);
    }

    /** True when another repetition should run; call it before each, including the first. */
    public boolean next() {
        long now = clock.getAsLong();
        if (done >= max) {
            return false;
        }
        // Rounded to the nearest: a repetition starts if at least half of it fits. Rounding down
        // would give every suite but the last one repetition fewer than its share allows.
        if (done > 0 && !fixed && (now - start) + (now - lastStart) / 2 > allotmentNanos) {
            cutShort = true;
            return false;
        }
        done++;
        lastStart = now;
        return true;
    }

    /**
     * Repetitions for one of {@code parts} steps still ahead (e.g. one worker count of the
     * scaling suite): the same maximum, and an equal share of what is left of the allotment.
     */
    public Repetitions share(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("at least one part");
        }
        long left = Math.max(0, allotmentNanos - (clock.getAsLong() - start));
        return new Repetitions(max, fixed, Duration.ofNanos(left / parts), clock);
    }

    /** Repetitions started so far. */
    public int done() {
        return done;
    }

    /** The time this suite may take for its repetitions (zero when fixed). */
    public Duration allotment() {
        return Duration.ofNanos(allotmentNanos);
    }

    public int max() {
        return max;
    }

    /** Whether repetitions are fixed by --repeat (then no step is skipped to save time). */
    public boolean fixed() {
        return fixed;
    }

    /** For notes: "median of 3 repetitions", or how many of how many ran and why. */
    public String describe() {
        String base = done == 1 ? "1 repetition" : "median of " + done + " repetitions";
        return cutShort ? String.format(Locale.ROOT, "%s (%d of %d: the next would have overrun the suite's time budget)",
                base, done, max) : base;
    }
}

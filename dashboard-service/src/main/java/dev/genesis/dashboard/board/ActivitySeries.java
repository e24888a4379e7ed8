package dev.genesis.dashboard.board;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Tasks finished and dispatch latencies per second over the last {@link #WINDOW_SECONDS}, in a
 * fixed ring of one-second buckets: memory stays bounded however long the dashboard runs and
 * however busy the cluster is. A bucket keeps at most {@link #MAX_SAMPLES} latencies (a uniform
 * reservoir beyond that), so its percentiles are exact up to that many starts per second.
 *
 * <p>Events are placed by their own time (a task's finish or start), not by when they arrived, so
 * a late batch lands in the second it happened. Times older than the window are dropped; times
 * ahead of the dashboard's clock (another host's clock) count in the current second. Not
 * thread-safe: the {@link Board} calls it under its lock.
 */
final class ActivitySeries {

    static final int WINDOW_SECONDS = 300;
    static final int MAX_SAMPLES = 1000;

    private final long[] second = new long[WINDOW_SECONDS];
    private final int[] finished = new int[WINDOW_SECONDS];
    private final int[] started = new int[WINDOW_SECONDS];
    /** Latency samples in microseconds; {@code sampleCount[i]} of them are in use. */
    private final long[][] samples = new long[WINDOW_SECONDS][];
    private final int[] sampleCount = new int[WINDOW_SECONDS];
    /** Seconds changed since the last {@link #drainChanged}. */
    private final Set<Long> changed = new LinkedHashSet<>();
    // Seeded: the reservoir is only a memory bound, and a fixed seed keeps runs reproducible.
    private final Random random = new Random(6);

    ActivitySeries() {
        Arrays.fill(second, Long.MIN_VALUE);
    }

    void recordFinish(Instant at, Instant now) {
        int slot = slot(at, now);
        if (slot >= 0) {
            finished[slot]++;
            changed.add(second[slot]);
        }
    }

    void recordLatency(Instant startedAt, Duration latency, Instant now) {
        int slot = slot(startedAt, now);
        if (slot < 0) {
            return;
        }
        long micros = Math.max(0, latency.toNanos() / 1000);
        int seen = started[slot]++;
        if (seen < MAX_SAMPLES) {
            long[] kept = samples[slot];
            if (kept == null || kept.length == sampleCount[slot]) {
                kept = Arrays.copyOf(kept == null ? new long[0] : kept, Math.min(MAX_SAMPLES, Math.max(8, seen * 2)));
                samples[slot] = kept;
            }
            kept[sampleCount[slot]++] = micros;
        } else {
            int replace = random.nextInt(seen + 1);
            if (replace < MAX_SAMPLES) {
                samples[slot][replace] = micros;
            }
        }
        changed.add(second[slot]);
    }

    /** One point per second of the window ending at {@code now}, oldest first. */
    List<SeriesPoint> points(Instant now) {
        long last = now.getEpochSecond();
        List<SeriesPoint> out = new ArrayList<>(WINDOW_SECONDS);
        for (long s = last - WINDOW_SECONDS + 1; s <= last; s++) {
            out.add(point(s));
        }
        return out;
    }

    /** The points of the seconds changed since the previous call that are still in the window. */
    List<SeriesPoint> drainChanged(Instant now) {
        if (changed.isEmpty()) {
            return List.of();
        }
        long oldest = now.getEpochSecond() - WINDOW_SECONDS + 1;
        List<SeriesPoint> out = new ArrayList<>(changed.size());
        for (long s : changed) {
            if (s >= oldest) {
                out.add(point(s));
            }
        }
        changed.clear();
        return out;
    }

    boolean hasChanges() {
        return !changed.isEmpty();
    }

    private SeriesPoint point(long s) {
        Instant at = Instant.ofEpochSecond(s);
        int slot = index(s);
        if (second[slot] != s) {
            return new SeriesPoint(at, 0, 0, null, null);
        }
        Double p50 = null;
        Double p99 = null;
        if (sampleCount[slot] > 0) {
            long[] sorted = Arrays.copyOf(samples[slot], sampleCount[slot]);
            Arrays.sort(sorted);
            p50 = millis(percentile(sorted, 0.50));
            p99 = millis(percentile(sorted, 0.99));
        }
        return new SeriesPoint(at, finished[slot], started[slot], p50, p99);
    }

    /** Nearest rank: the smallest sample with at least {@code q} of all samples at or below it. */
    static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }

    /** The bucket for a time, emptied first if it still holds an older second; -1 when out of the window. */
    private int slot(Instant at, Instant now) {
        long nowSecond = now.getEpochSecond();
        long s = Math.min(at.getEpochSecond(), nowSecond);
        if (s <= nowSecond - WINDOW_SECONDS) {
            return -1;
        }
        int slot = index(s);
        if (second[slot] != s) {
            second[slot] = s;
            finished[slot] = 0;
            started[slot] = 0;
            sampleCount[slot] = 0;
            samples[slot] = null;
        }
        return slot;
    }

    private static int index(long s) {
        return (int) Math.floorMod(s, (long) WINDOW_SECONDS);
    }
}

package dev.genesis.bench.stats;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time the stack's processes spent between two readings (the operating system's count,
 * through {@link ProcessHandle.Info#totalCpuDuration()}): where a benchmark's work goes, by
 * process. A process that ended or restarted in between is left out.
 */
public final class CpuMeter {

    private final Map<String, Long> pids;
    private final Map<String, Duration> start;

    private CpuMeter(Map<String, Long> pids, Map<String, Duration> start) {
        this.pids = pids;
        this.start = start;
    }

    /** Starts counting for these processes (name to pid). */
    public static CpuMeter start(Map<String, Long> pids) {
        return new CpuMeter(Map.copyOf(pids), read(pids));
    }

    /** CPU milliseconds per process since {@link #start}, sorted by name. */
    public Map<String, Double> elapsedMs() {
        Map<String, Duration> now = read(pids);
        Map<String, Double> spent = new TreeMap<>();
        now.forEach((name, cpu) -> {
            Duration before = start.get(name);
            if (before != null && cpu.compareTo(before) >= 0) {
                spent.put(name, cpu.minus(before).toNanos() / 1e6);
            }
        });
        return spent;
    }

    /** {@code spent} divided by {@code tasks}, plus a "total" entry. */
    public static Map<String, Double> perTask(Map<String, Double> spent, long tasks) {
        Map<String, Double> per = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> e : spent.entrySet()) {
            double ms = e.getValue() / Math.max(1, tasks);
            per.put(e.getKey(), ms);
            total += ms;
        }
        per.put("total", total);
        return per;
    }

    private static Map<String, Duration> read(Map<String, Long> pids) {
        Map<String, Duration> cpu = new TreeMap<>();
        pids.forEach((name, pid) -> ProcessHandle.of(pid)
                .flatMap(p -> p.info().totalCpuDuration())
                .ifPresent(d -> cpu.put(name, d)));
        return cpu;
    }
}

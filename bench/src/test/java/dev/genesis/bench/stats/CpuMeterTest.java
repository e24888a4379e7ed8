package dev.genesis.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void countsTheCpuThisProcessSpends() {
        CpuMeter meter = CpuMeter.start(Map.of("self", ProcessHandle.current().pid(), "gone", Long.MAX_VALUE - 1));
        long sink = 0;
        long until = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < until) {
            sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
        }
        Map<String, Double> spent = meter.elapsedMs();
        assertThat(sink).isNotNegative();
        assertThat(spent).containsOnlyKeys("self");
        assertThat(spent.get("self")).isGreaterThan(100.0);
    }

    @Test
    void dividesPerTaskAndAddsATotal() {
        Map<String, Double> spent = new TreeMap<>(Map.of("queue", 300.0, "worker-1", 100.0));
        Map<String, Double> per = CpuMeter.perTask(spent, 100);
        assertThat(per).containsEntry("queue", 3.0).containsEntry("worker-1", 1.0).containsEntry("total", 4.0);
    }
}

package dev.genesis.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.bench.api.RunView;
import dev.genesis.bench.api.TaskView;
import dev.genesis.bench.dag.DagFamilies;
import dev.genesis.common.spec.RunSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunMetricsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(long ms) {
        return T0.plusMillis(ms);
    }

    private static TaskView task(String id, Long started, Long finished) {
        return new TaskView(id, "noop", finished == null ? "RUNNING" : "SUCCEEDED", 0, 1, "w", List.of(), null,
                started == null ? null : at(started), finished == null ? null : at(finished), null);
    }

    @Test
    void dependencyLatencyIsStartMinusTheLatestDependencyFinish() {
        RunSpec spec = new RunSpec("d", List.of(
                DagFamilies.sleep("a", 1, List.of()),
                DagFamilies.sleep("b", 1, List.of()),
                DagFamilies.sleep("c", 1, List.of("a", "b"))));
        RunView run = new RunView("r", "d", "SUCCEEDED", at(0), at(100), List.of(
                task("a", 0L, 10L), task("b", 0L, 30L), task("c", 42L, 50L)));
        assertThat(RunMetrics.dispatchLatenciesMs(spec, run)).containsExactly(12.0);
    }

    @Test
    void submitToStartIsMeasuredFromTheRunsCreation() {
        RunView run = new RunView("r", "t", "RUNNING", at(100), null, List.of(
                task("a", 105L, 106L), task("b", 130L, null), task("c", null, null)));
        assertThat(RunMetrics.submitToStartMs(run)).containsExactly(5.0, 30.0);
    }

    @Test
    void throughputCountsSucceededTasksOverTheRunOrTheExecutionWindow() {
        RunView run = new RunView("r", "t", "SUCCEEDED", at(0), at(2000), List.of(
                task("a", 500L, 700L), task("b", 600L, 1500L)));
        assertThat(RunMetrics.endToEndThroughput(run)).isEqualTo(1.0);
        assertThat(RunMetrics.executionThroughput(run)).isEqualTo(2.0);
        assertThat(RunMetrics.makespanMs(run)).isEqualTo(2000.0);
    }
}

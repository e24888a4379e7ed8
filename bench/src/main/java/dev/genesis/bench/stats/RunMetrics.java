package dev.genesis.bench.stats;

import dev.genesis.bench.api.RunView;
import dev.genesis.bench.api.TaskView;
import dev.genesis.common.spec.RunSpec;
import dev.genesis.common.spec.TaskSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Figures read off a finished run's timestamps. */
public final class RunMetrics {

    private RunMetrics() {
    }

    /** finishedAt − createdAt of the run, in ms (NaN if either is missing). */
    public static double makespanMs(RunView run) {
        return millisBetween(run.createdAt(), run.finishedAt());
    }

    /**
     * For each task with dependencies: its start minus the latest finish among them, in ms.
     * Dependencies are taken from the submitted spec, so the answer does not depend on the
     * API echoing them back.
     */
    public static List<Double> dispatchLatenciesMs(RunSpec spec, RunView run) {
        Map<String, TaskView> byId = new HashMap<>(run.tasks().size() * 2);
        for (TaskView t : run.tasks()) {
            byId.put(t.id(), t);
        }
        List<Double> latencies = new ArrayList<>();
        for (TaskSpec task : spec.tasks()) {
            TaskView view = byId.get(task.id());
            if (task.dependsOn().isEmpty() || view == null || view.startedAt() == null) {
                continue;
            }
            Instant latestDep = task.dependsOn().stream().map(byId::get).filter(Objects::nonNull)
                    .map(TaskView::finishedAt).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
            if (latestDep != null) {
                latencies.add(millisBetween(latestDep, view.startedAt()));
            }
        }
        return latencies;
    }

    /** For every started task: startedAt − run createdAt, in ms (the enqueue-to-start time of a batch). */
    public static List<Double> submitToStartMs(RunView run) {
        List<Double> out = new ArrayList<>(run.tasks().size());
        for (TaskView t : run.tasks()) {
            if (t.startedAt() != null && run.createdAt() != null) {
                out.add(millisBetween(run.createdAt(), t.startedAt()));
            }
        }
        return out;
    }

    /** Succeeded tasks ÷ (run finishedAt − run createdAt), per second. */
    public static double endToEndThroughput(RunView run) {
        return succeeded(run) / (makespanMs(run) / 1000.0);
    }

    /** Succeeded tasks ÷ (last task finishedAt − first task startedAt), per second. */
    public static double executionThroughput(RunView run) {
        Instant first = run.tasks().stream().map(TaskView::startedAt).filter(Objects::nonNull).min(Instant::compareTo)
                .orElse(null);
        Instant last = run.tasks().stream().map(TaskView::finishedAt).filter(Objects::nonNull).max(Instant::compareTo)
                .orElse(null);
        return succeeded(run) / (millisBetween(first, last) / 1000.0);
    }

    public static long succeeded(RunView run) {
        return run.tasks().stream().filter(t -> "SUCCEEDED".equals(t.state())).count();
    }

    public static double millisBetween(Instant from, Instant to) {
        if (from == null || to == null) {
            return Double.NaN;
        }
        return Duration.between(from, to).toNanos() / 1e6;
    }
}

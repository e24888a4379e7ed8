package dev.genesis.dashboard.board;

import dev.genesis.common.state.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How long a run still needs: its ETA.
 *
 * <p>Each remaining task gets an expected remaining time from what this run has shown so far. A
 * task not started yet is expected to take the mean duration of the run's succeeded tasks of its
 * kind (of all kinds while none of its kind has finished). A running task that reports progress
 * {@code p} % after {@code e} ms needs {@code e × (100 − p) / p} more; without progress it needs
 * the expected duration minus what it has run (at least 0).
 *
 * <p>The ETA is the largest of three lower bounds on the time left, each true under its own
 * model, so the largest is the tightest:
 * <ol>
 * <li><b>critical path</b> — the longest chain of remaining tasks through their dependencies, each
 * weighted by its expected remaining time: no number of slots finishes sooner;
 * <li><b>work ÷ slots</b> — the expected remaining time of all remaining tasks divided by the slots
 * of the live workers: the cluster cannot do the work faster;
 * <li><b>observed pace</b> — the remaining tasks divided by the rate at which this run finished
 * tasks over the last {@link #PACE_WINDOW} (only once {@link #PACE_MIN_FINISHES} finished in that
 * window, so that a few long tasks do not make a rate). This bound carries what task durations
 * miss: the dispatch and reporting overhead of each task, which dominates for short tasks.
 * </ol>
 * The pace reflects the run's recent shape: a narrow stretch before a wide one over-estimates
 * until the wide part is under way. Tasks the run declared but the board has not seen yet count
 * as independent tasks of the mean duration.
 *
 * <p>The ETA is unknown (null) while no task of the run has succeeded (nothing to base durations
 * on) or while no worker slot is alive, and 0 once nothing is left to run.
 */
public final class RunEta {

    static final Duration PACE_WINDOW = Duration.ofSeconds(10);
    static final int PACE_MIN_FINISHES = 10;

    private RunEta() {
    }

    /**
     * @param declaredTotal how many tasks the run has, when known before the tasks themselves
     * @param slots the slots of the live workers
     * @return milliseconds left, 0 when done, null when unknown
     */
    public static Long estimateMs(Collection<TaskView> tasks, int declaredTotal, boolean runTerminal, int slots,
            Instant now) {
        if (runTerminal) {
            return 0L;
        }
        int unseen = Math.max(0, declaredTotal - tasks.size());
        List<TaskView> remaining = tasks.stream().filter(t -> !t.state().isTerminal()).toList();
        if (remaining.isEmpty() && unseen == 0) {
            return tasks.isEmpty() ? null : 0L;
        }
        Durations durations = Durations.of(tasks);
        if (durations.isEmpty() || slots <= 0) {
            return null;
        }
        Map<String, Double> left = new HashMap<>();
        double work = unseen * durations.mean();
        for (TaskView task : remaining) {
            double ms = remainingMs(task, durations.expected(task.kind()), now);
            left.put(task.id(), ms);
            work += ms;
        }
        double criticalPath = Math.max(longestChain(remaining, left), unseen > 0 ? durations.mean() : 0);
        double eta = Math.max(criticalPath, work / slots);
        eta = Math.max(eta, paceBound(tasks, remaining.size() + unseen, now));
        return Math.round(eta);
    }

    private static double remainingMs(TaskView task, double expected, Instant now) {
        if (task.state() != TaskState.RUNNING || task.startedAt() == null) {
            return expected;
        }
        long elapsed = Math.max(0, Duration.between(task.startedAt(), now).toMillis());
        Integer percent = task.progress();
        if (percent != null && percent > 0 && percent < 100) {
            return elapsed * (100.0 - percent) / percent;
        }
        return Math.max(0, expected - elapsed);
    }

    /** Longest path through the remaining tasks (dependencies on finished tasks are met already). */
    private static double longestChain(List<TaskView> remaining, Map<String, Double> left) {
        Map<String, List<String>> dependents = new HashMap<>();
        Map<String, Integer> waitingOn = new HashMap<>();
        for (TaskView task : remaining) {
            for (String dep : task.dependsOn() == null ? List.<String>of() : task.dependsOn()) {
                if (left.containsKey(dep)) {
                    dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(task.id());
                    waitingOn.merge(task.id(), 1, Integer::sum);
                }
            }
        }
        Deque<String> ready = new ArrayDeque<>();
        for (TaskView task : remaining) {
            if (!waitingOn.containsKey(task.id())) {
                ready.add(task.id());
            }
        }
        Map<String, Double> earliestStart = new HashMap<>();
        double longest = 0;
        // Kahn's order: iterative, so a long chain cannot overflow the stack.
        while (!ready.isEmpty()) {
            String id = ready.poll();
            double end = earliestStart.getOrDefault(id, 0.0) + left.get(id);
            longest = Math.max(longest, end);
            for (String next : dependents.getOrDefault(id, List.of())) {
                earliestStart.merge(next, end, Math::max);
                if (waitingOn.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        return longest;
    }

    private static double paceBound(Collection<TaskView> tasks, int left, Instant now) {
        Instant since = now.minus(PACE_WINDOW);
        int finished = 0;
        Instant firstStart = null;
        for (TaskView task : tasks) {
            boolean ended = task.state() == TaskState.SUCCEEDED || task.state() == TaskState.FAILED;
            if (ended && task.finishedAt() != null && task.finishedAt().isAfter(since)
                    && !task.finishedAt().isAfter(now)) {
                finished++;
            }
            if (task.startedAt() != null && (firstStart == null || task.startedAt().isBefore(firstStart))) {
                firstStart = task.startedAt();
            }
        }
        if (finished < PACE_MIN_FINISHES || firstStart == null) {
            return 0;
        }
        long spanMs = Math.min(PACE_WINDOW.toMillis(), Duration.between(firstStart, now).toMillis());
        return spanMs <= 0 ? 0 : (double) left * spanMs / finished;
    }

    /** Mean durations of the run's succeeded tasks, per kind and overall. */
    private record Durations(Map<String, double[]> byKind, double total, int count) {

        static Durations of(Collection<TaskView> tasks) {
            Map<String, double[]> byKind = new HashMap<>();
            double total = 0;
            int count = 0;
            for (TaskView task : tasks) {
                if (task.state() == TaskState.SUCCEEDED && task.startedAt() != null && task.finishedAt() != null) {
                    double ms = Math.max(0, Duration.between(task.startedAt(), task.finishedAt()).toMillis());
                    double[] sumAndCount = byKind.computeIfAbsent(String.valueOf(task.kind()), k -> new double[2]);
                    sumAndCount[0] += ms;
                    sumAndCount[1]++;
                    total += ms;
                    count++;
                }
            }
            return new Durations(byKind, total, count);
        }

        boolean isEmpty() {
            return count == 0;
        }

        double mean() {
            return total / count;
        }

        double expected(String kind) {
            double[] sumAndCount = byKind.get(String.valueOf(kind));
            return sumAndCount == null ? mean() : sumAndCount[0] / sumAndCount[1];
        }
    }
}

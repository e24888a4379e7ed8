package dev.genesis.dashboard.board;

import dev.genesis.common.state.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a run's tasks add up to. {@code speedUp} is the serial sum of finished task durations
 * divided by the makespan: how many times faster than one slot doing the same work in a row.
 *
 * @param progress percent of the run done, counting running tasks by their reported percent
 * @param makespanMs from the first task start to the last finish (or now while work remains)
 * @param serialMs the sum of the durations of the finished tasks
 * @param speedUp null until a task has finished
 * @param etaMs how long the run still needs as of {@code now} (see {@link RunEta}); 0 once done, null
 *        when unknown
 * @param etaAt when the run is expected to be done ({@code now + etaMs}), so that a page can count
 *        down between updates; null when unknown or done
 */
public record RunFigures(Map<TaskState, Integer> counts, int total, double progress, long makespanMs,
        long serialMs, Double speedUp, Long etaMs, Instant etaAt) {

    /** Figures without an ETA estimate: no slots are known. */
    public static RunFigures of(Collection<TaskView> tasks, int declaredTotal, boolean runTerminal, Instant now) {
        return of(tasks, declaredTotal, runTerminal, 0, now);
    }

    /**
     * @param declaredTotal how many tasks the run has, when known before the tasks themselves
     * @param runTerminal whether the run has reached its final state
     * @param slots the slots of the live workers, for the ETA
     */
    public static RunFigures of(Collection<TaskView> tasks, int declaredTotal, boolean runTerminal, int slots,
            Instant now) {
        Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
        for (TaskState state : TaskState.values()) {
            counts.put(state, 0);
        }
        int total = Math.max(declaredTotal, tasks.size());
        double done = 0;
        long serialMs = 0;
        Instant firstStart = null;
        Instant lastFinish = null;
        int terminal = 0;
        for (TaskView task : tasks) {
            counts.merge(task.state(), 1, Integer::sum);
            if (task.state().isTerminal()) {
                terminal++;
                done += 1;
                if (task.startedAt() != null && task.finishedAt() != null) {
                    serialMs += Duration.between(task.startedAt(), task.finishedAt()).toMillis();
                }
            } else if (task.state().isActive() && task.progress() != null) {
                done += Math.min(100, Math.max(0, task.progress())) / 100.0;
            }
            if (task.startedAt() != null && (firstStart == null || task.startedAt().isBefore(firstStart))) {
                firstStart = task.startedAt();
            }
            if (task.finishedAt() != null && (lastFinish == null || task.finishedAt().isAfter(lastFinish))) {
                lastFinish = task.finishedAt();
            }
        }
        // Once nothing is left to run the clock stops at the last finish, not at "now".
        boolean settled = runTerminal || (total > 0 && terminal == total);
        Instant end = settled && lastFinish != null ? lastFinish : now;
        long makespanMs = firstStart == null ? 0 : Math.max(0, Duration.between(firstStart, end).toMillis());
        Double speedUp = makespanMs > 0 && serialMs > 0 ? round(serialMs / (double) makespanMs, 100) : null;
        double progress = total == 0 ? 0 : round(100.0 * done / total, 10);
        Long etaMs = RunEta.estimateMs(tasks, declaredTotal, runTerminal, slots, now);
        Instant etaAt = etaMs == null || etaMs == 0 ? null : now.plusMillis(etaMs);
        return new RunFigures(counts, total, progress, makespanMs, serialMs, speedUp, etaMs, etaAt);
    }

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}

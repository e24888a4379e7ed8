package dev.genesis.dashboard.board;

import dev.genesis.common.state.RunState;
import dev.genesis.common.state.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The board's mutable record of one run and its tasks (in the order they became known). */
final class RunEntry {

    private static final long SUMMARY_GAP_MAX_MS = 2_000;

    final UUID id;
    String name;
    RunState state = RunState.RUNNING;
    Instant createdAt;
    Instant finishedAt;
    int declaredTasks;
    /** Whether the definition (tasks, dependencies) has been loaded from queue-service. */
    boolean detailed;
    final Map<String, TaskEntry> tasks = new LinkedHashMap<>();
    /** How many of its tasks are RUNNING, kept as they change (the totals are read every batch). */
    int running;
    /** Before this instant a changed big run's figures are not computed again (see {@link #summaryDue}). */
    private Instant nextSummaryAt;

    RunEntry(UUID id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
    }

    TaskEntry task(String taskId) {
        return tasks.computeIfAbsent(taskId, t -> new TaskEntry(id, t));
    }

    void setState(RunState next, Instant at) {
        state = next;
        finishedAt = next.isTerminal() ? at : null;
    }

    List<TaskView> taskViews(Instant now) {
        return tasks.values().stream().map(t -> t.view(now)).toList();
    }

    /** Keeps {@link #running} right as one of its tasks moves from {@code before} to {@code after}. */
    void stateChanged(TaskState before, TaskState after) {
        if (before != after) {
            running += (after == TaskState.RUNNING ? 1 : 0) - (before == TaskState.RUNNING ? 1 : 0);
        }
    }

    /**
     * Whether the run's figures may be computed again. They cost a pass over all its tasks (counts,
     * the ETA's longest chain), so a big busy run gets them at most once per {@link #summaryGap} —
     * a 100,000-task run would otherwise cost the dashboard a million task visits a second. A run
     * that has ended always gets them at once.
     */
    boolean summaryDue(Instant now) {
        return state.isTerminal() || nextSummaryAt == null || !now.isBefore(nextSummaryAt);
    }

    /** 0 up to 1,000 tasks, then 100 ms per 1,000 tasks, at most 2 s. */
    static Duration summaryGap(int tasks) {
        return Duration.ofMillis(Math.min(SUMMARY_GAP_MAX_MS, tasks <= 1_000 ? 0 : tasks / 10));
    }

    /** @param slots the slots of the live workers, for the ETA */
    RunSummary summary(Instant now, int slots) {
        nextSummaryAt = now.plus(summaryGap(tasks.size()));
        return new RunSummary(id, name, state, createdAt, finishedAt, figures(taskViews(now), now, slots));
    }

    RunDetail detail(Instant now, int slots) {
        List<TaskView> views = taskViews(now);
        return new RunDetail(id, name, state, createdAt, finishedAt, figures(views, now, slots), views);
    }

    private RunFigures figures(List<TaskView> views, Instant now, int slots) {
        return RunFigures.of(views, declaredTasks, state.isTerminal(), slots, now);
    }
}

package dev.genesis.dashboard.board;

import dev.genesis.common.state.RunState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The board's mutable record of one run and its tasks (in the order they became known). */
final class RunEntry {

    final UUID id;
    String name;
    RunState state = RunState.RUNNING;
    Instant createdAt;
    Instant finishedAt;
    int declaredTasks;
    /** Whether the definition (tasks, dependencies) has been loaded from queue-service. */
    boolean detailed;
    final Map<String, TaskEntry> tasks = new LinkedHashMap<>();

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

    /** @param slots the slots of the live workers, for the ETA */
    RunSummary summary(Instant now, int slots) {
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

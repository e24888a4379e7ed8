package dev.genesis.dashboard.board;

import dev.genesis.common.state.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds {@link TaskView}s with times in milliseconds after {@link #T0}. */
final class TaskViews {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final UUID RUN = UUID.randomUUID();

    private final String id;
    private String kind = "sleep";
    private TaskState state = TaskState.PENDING;
    private List<String> dependsOn = List.of();
    private Instant startedAt;
    private Instant finishedAt;
    private Integer progress;

    private TaskViews(String id) {
        this.id = id;
    }

    static TaskViews aTask(String id) {
        return new TaskViews(id);
    }

    TaskViews kind(String value) {
        kind = value;
        return this;
    }

    TaskViews state(TaskState value) {
        state = value;
        return this;
    }

    TaskViews dependsOn(String... ids) {
        dependsOn = List.of(ids);
        return this;
    }

    TaskViews startedAt(long ms) {
        startedAt = T0.plusMillis(ms);
        return this;
    }

    /** Running since {@code ms}. */
    TaskViews running(long ms) {
        state = TaskState.RUNNING;
        return startedAt(ms);
    }

    TaskViews progress(int percent) {
        progress = percent;
        return this;
    }

    /** Succeeded after running from {@code fromMs} to {@code toMs}. */
    TaskViews ran(long fromMs, long toMs) {
        state = TaskState.SUCCEEDED;
        startedAt = T0.plusMillis(fromMs);
        finishedAt = T0.plusMillis(toMs);
        return this;
    }

    TaskView build() {
        return new TaskView(RUN, id, kind, state, 0, 1, "w1", progress, null, dependsOn, null, startedAt,
                finishedAt, null, null);
    }
}

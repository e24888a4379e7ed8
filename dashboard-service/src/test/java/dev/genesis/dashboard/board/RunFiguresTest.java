package dev.genesis.dashboard.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.common.state.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunFiguresTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final UUID RUN = UUID.randomUUID();

    @Test
    void speedUpIsSerialSumOverMakespan() {
        // Three 1 s tasks, two in parallel then one: serial 3 s in a 2 s makespan.
        var tasks = List.of(
                aTask("a").ran(0, 1000).build(),
                aTask("b").ran(0, 1000).build(),
                aTask("c").ran(1000, 2000).build());

        RunFigures figures = RunFigures.of(tasks, 3, true, T0.plusSeconds(60));

        assertThat(figures.serialMs()).isEqualTo(3000);
        assertThat(figures.makespanMs()).isEqualTo(2000);
        assertThat(figures.speedUp()).isEqualTo(1.5);
        assertThat(figures.progress()).isEqualTo(100.0);
    }

    @Test
    void makespanRunsOnWhileWorkRemains() {
        var tasks = List.of(
                aTask("a").ran(0, 1000).build(),
                aTask("b").state(TaskState.RUNNING).startedAt(500).progress(50).build());

        RunFigures figures = RunFigures.of(tasks, 2, false, T0.plusMillis(4000));

        assertThat(figures.makespanMs()).isEqualTo(4000);
        assertThat(figures.serialMs()).isEqualTo(1000);
        assertThat(figures.speedUp()).isEqualTo(0.25);
        assertThat(figures.progress()).isEqualTo(75.0);
    }

    @Test
    void countsEveryStateAndUsesTheDeclaredTotal() {
        var tasks = List.of(
                aTask("a").ran(0, 100).build(),
                aTask("b").state(TaskState.FAILED).build(),
                aTask("c").state(TaskState.SKIPPED).build(),
                aTask("d").state(TaskState.READY).build());

        RunFigures figures = RunFigures.of(tasks, 8, false, T0);

        assertThat(figures.total()).isEqualTo(8);
        assertThat(figures.counts()).containsEntry(TaskState.SUCCEEDED, 1).containsEntry(TaskState.FAILED, 1)
                .containsEntry(TaskState.SKIPPED, 1).containsEntry(TaskState.READY, 1)
                .containsEntry(TaskState.RUNNING, 0);
        assertThat(figures.progress()).isEqualTo(37.5);
    }

    @Test
    void noSpeedUpBeforeAnyTaskFinished() {
        RunFigures figures = RunFigures.of(List.of(aTask("a").state(TaskState.PENDING).build()), 1, false, T0);

        assertThat(figures.speedUp()).isNull();
        assertThat(figures.makespanMs()).isZero();
    }

    static TaskBuilder aTask(String id) {
        return new TaskBuilder(id);
    }

    /** Builds {@link TaskView}s with times in milliseconds after {@link #T0}. */
    static final class TaskBuilder {
        private final String id;
        private TaskState state = TaskState.PENDING;
        private Instant startedAt;
        private Instant finishedAt;
        private Integer progress;

        TaskBuilder(String id) {
            this.id = id;
        }

        TaskBuilder state(TaskState value) {
            state = value;
            return this;
        }

        TaskBuilder startedAt(long ms) {
            startedAt = T0.plusMillis(ms);
            return this;
        }

        TaskBuilder progress(int percent) {
            progress = percent;
            return this;
        }

        TaskBuilder ran(long fromMs, long toMs) {
            state = TaskState.SUCCEEDED;
            startedAt = T0.plusMillis(fromMs);
            finishedAt = T0.plusMillis(toMs);
            return this;
        }

        TaskView build() {
            return new TaskView(RUN, id, "sleep", state, 0, 1, "w1", progress, null, List.of(), null, startedAt,
                    finishedAt, null, null);
        }
    }
}

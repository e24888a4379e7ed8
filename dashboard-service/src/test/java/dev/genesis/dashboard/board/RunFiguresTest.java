package dev.genesis.dashboard.board;

import static dev.genesis.dashboard.board.TaskViews.T0;
import static dev.genesis.dashboard.board.TaskViews.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.common.state.TaskState;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunFiguresTest {

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
}

package dev.genesis.dashboard.board;

import static dev.genesis.dashboard.board.TaskViews.T0;
import static dev.genesis.dashboard.board.TaskViews.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.common.state.TaskState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ETA estimator on its own: each bound, and when there is no estimate. */
class RunEtaTest {

    @Test
    void criticalPathBoundsAWideEnoughCluster() {
        // Mean of the succeeded sleeps: (2 s + 4 s) / 2 = 3 s. c runs since 1 s, so 2 s left; d waits on c.
        var tasks = joinRunningOnTwoSleeps();

        // chain c → d: 2 s + 3 s = 5 s; work 8 s over 10 slots is less.
        assertThat(RunEta.estimateMs(tasks, 5, false, 10, T0.plusMillis(5000))).isEqualTo(5000);
    }

    @Test
    void workOverSlotsBoundsASmallCluster() {
        var tasks = joinRunningOnTwoSleeps();

        // 2 s + 3 s + 3 s of work on one slot.
        assertThat(RunEta.estimateMs(tasks, 5, false, 1, T0.plusMillis(5000))).isEqualTo(8000);
    }

    /** a (2 s) and b (4 s) done, their join c started at 4 s, d after c, e not started. */
    private static List<TaskView> joinRunningOnTwoSleeps() {
        return List.of(
                aTask("a").ran(0, 2000).build(),
                aTask("b").ran(0, 4000).build(),
                aTask("c").dependsOn("a", "b").running(4000).build(),
                aTask("d").dependsOn("c").build(),
                aTask("e").build());
    }

    @Test
    void reportedProgressSaysHowLongARunningTaskStillNeeds() {
        var tasks = List.of(
                aTask("a").ran(0, 3000).build(),
                aTask("b").running(3000).progress(25).build());

        // 25 % in 1 s: 3 s to go, whatever the mean says.
        assertThat(RunEta.estimateMs(tasks, 2, false, 3, T0.plusMillis(4000))).isEqualTo(3000);
    }

    @Test
    void eachKindIsExpectedToTakeWhatItsFinishedTasksTook() {
        var tasks = List.of(
                aTask("build").kind("shell").ran(0, 6000).build(),
                aTask("ping").kind("noop").ran(6000, 6010).build(),
                aTask("test").kind("shell").dependsOn("build").build(),
                aTask("notify").kind("noop").dependsOn("test").build());

        // test 6 s (shell) then notify 10 ms (noop), not twice the 3 s overall mean.
        assertThat(RunEta.estimateMs(tasks, 4, false, 4, T0.plusMillis(6010))).isEqualTo(6010);
    }

    @Test
    void observedPaceCarriesThePerTaskOverheadOfShortTasks() {
        List<TaskView> tasks = new ArrayList<>();
        // 20 noop tasks of 1 ms each finished over the 10 s since the run began: 2 tasks/s.
        for (int i = 0; i < 20; i++) {
            tasks.add(aTask("done-" + i).kind("noop").ran(i * 500L, i * 500L + 1).build());
        }
        for (int i = 0; i < 100; i++) {
            tasks.add(aTask("left-" + i).kind("noop").build());
        }

        // Durations alone say 100 ms / 4 slots; at the observed pace 100 tasks need 50 s.
        assertThat(RunEta.estimateMs(tasks, 120, false, 4, T0.plusSeconds(10))).isEqualTo(50_000);
    }

    @Test
    void paceNeedsEnoughRecentFinishes() {
        List<TaskView> tasks = new ArrayList<>();
        for (int i = 0; i < RunEta.PACE_MIN_FINISHES - 1; i++) {
            tasks.add(aTask("done-" + i).kind("noop").ran(i * 500L, i * 500L + 1).build());
        }
        tasks.add(aTask("left").kind("noop").build());

        assertThat(RunEta.estimateMs(tasks, tasks.size(), false, 4, T0.plusSeconds(10))).isEqualTo(1);
    }

    @Test
    void tasksTheBoardHasNotSeenCountAtTheMeanDuration() {
        var tasks = List.of(aTask("a").ran(0, 1000).build());

        // 3 more declared: 3 s of work on 2 slots.
        assertThat(RunEta.estimateMs(tasks, 4, false, 2, T0.plusMillis(1000))).isEqualTo(1500);
    }

    @Test
    void zeroWhenNothingIsLeftAndUnknownWithoutDurationsOrSlots() {
        var done = List.of(aTask("a").ran(0, 1000).build(), aTask("b").state(TaskState.SKIPPED).build());
        assertThat(RunEta.estimateMs(done, 2, false, 0, T0)).isZero();
        assertThat(RunEta.estimateMs(List.of(aTask("a").build()), 1, true, 3, T0)).isZero();

        var started = List.of(aTask("a").running(0).build(), aTask("b").build());
        assertThat(RunEta.estimateMs(started, 2, false, 3, T0.plusSeconds(1))).as("nothing finished yet").isNull();

        var halfway = List.of(aTask("a").ran(0, 1000).build(), aTask("b").build());
        assertThat(RunEta.estimateMs(halfway, 2, false, 0, T0.plusSeconds(1))).as("no live slot").isNull();
    }
}

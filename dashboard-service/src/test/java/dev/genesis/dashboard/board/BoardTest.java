package dev.genesis.dashboard.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.genesis.common.events.RunDeleted;
import dev.genesis.common.events.RunStateChanged;
import dev.genesis.common.events.RunSubmitted;
import dev.genesis.common.events.TaskFailed;
import dev.genesis.common.events.TaskStarted;
import dev.genesis.common.events.TaskStateBatch;
import dev.genesis.common.events.TaskStateChanged;
import dev.genesis.common.events.TaskSucceeded;
import dev.genesis.common.events.WorkerDeclaredDead;
import dev.genesis.common.events.WorkerHeartbeat;
import dev.genesis.common.state.RunState;
import dev.genesis.common.state.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BoardTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final Board board = new Board(clock, 3, Duration.ofSeconds(3), Duration.ofMinutes(10));
    private final UUID run = UUID.randomUUID();

    @Test
    void eventsBuildARunWithSpeedUp() {
        board.apply(new RunSubmitted(run, "build", 2, T0));
        for (String task : List.of("a", "b")) {
            board.apply(new TaskStateChanged(run, task, TaskState.DISPATCHED, 1, "w1", T0, null));
            board.apply(new TaskStarted(run, task, 1, "w1", T0));
            board.apply(new TaskSucceeded(run, task, 1, "w1", T0.plusSeconds(2), null));
        }
        board.apply(new RunStateChanged(run, "build", RunState.SUCCEEDED, T0.plusSeconds(2)));

        RunDetail detail = board.run(run).orElseThrow();
        assertThat(detail.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(detail.tasks()).extracting(TaskView::state).containsOnly(TaskState.SUCCEEDED);
        assertThat(detail.tasks()).extracting(TaskView::worker).containsOnly("w1");
        assertThat(detail.figures().speedUp()).isEqualTo(2.0);
        assertThat(detail.figures().progress()).isEqualTo(100.0);
    }

    @Test
    void aShortTaskGetsItsStartFromItsResultWhicheverTopicSaysItFirst() {
        board.apply(new RunSubmitted(run, "quick", 2, T0));
        for (String task : List.of("a", "b")) {
            board.apply(new TaskStateChanged(run, task, TaskState.DISPATCHED, 1, "w1", T0, null));
        }
        // No TaskStarted and no RUNNING: the start comes inside the worker's result or the queue's end state.
        board.apply(new TaskSucceeded(run, "a", 1, "w1", T0.plusMillis(50), null, T0.plusMillis(10)));
        board.apply(new TaskStateChanged(run, "b", TaskState.SUCCEEDED, 1, "w2", T0.plusMillis(60), null,
                T0.plusMillis(20)));
        board.apply(new TaskStateChanged(run, "a", TaskState.SUCCEEDED, 1, "w1", T0.plusMillis(55), null,
                T0.plusMillis(10)));

        List<TaskView> tasks = board.run(run).orElseThrow().tasks();
        assertThat(tasks).extracting(TaskView::id, TaskView::startedAt, TaskView::durationMs).containsExactlyInAnyOrder(
                tuple("a", T0.plusMillis(10), 40L), tuple("b", T0.plusMillis(20), 40L));
        assertThat(tasks).extracting(TaskView::state).containsOnly(TaskState.SUCCEEDED);
    }

    @Test
    void theQueuesDispatchArrivingAfterTheWorkersResultDoesNotUndoIt() {
        board.apply(new TaskStarted(run, "a", 1, "w1", T0.plusMillis(5)));
        board.apply(new TaskSucceeded(run, "a", 1, "w1", T0.plusMillis(50), null));
        board.apply(new TaskStateChanged(run, "a", TaskState.DISPATCHED, 1, "w1", T0, null));
        board.apply(new TaskStateChanged(run, "a", TaskState.RUNNING, 1, "w1", T0.plusMillis(5), null));
        board.apply(new TaskStarted(run, "b", 1, "w1", T0.plusMillis(5)));
        board.apply(new TaskStateChanged(run, "b", TaskState.DISPATCHED, 1, "w1", T0, null));

        List<TaskView> tasks = board.run(run).orElseThrow().tasks();
        assertThat(tasks).extracting(TaskView::id, TaskView::state, TaskView::startedAt).containsExactlyInAnyOrder(
                tuple("a", TaskState.SUCCEEDED, T0.plusMillis(5)), tuple("b", TaskState.RUNNING, T0.plusMillis(5)));
        assertThat(tasks.stream().filter(t -> t.id().equals("a")).findFirst().orElseThrow().durationMs()).isEqualTo(45L);
    }

    @Test
    void aRetryAfterAFailedAttemptIsApplied() {
        board.apply(new TaskStateChanged(run, "a", TaskState.DISPATCHED, 1, "w1", T0, null));
        board.apply(new TaskFailed(run, "a", 1, "w1", T0.plusMillis(10), "error", "boom", true));
        board.apply(new TaskStateChanged(run, "a", TaskState.READY, 1, null, T0.plusMillis(20), null));

        assertThat(board.run(run).orElseThrow().tasks().get(0).state()).isEqualTo(TaskState.READY);
    }

    @Test
    void lateEventOfAnOlderAttemptIsIgnored() {
        board.apply(new TaskStateChanged(run, "a", TaskState.DISPATCHED, 2, "w2", T0, null));
        board.apply(new TaskFailed(run, "a", 1, "w1", T0, "error", "boom", true));
        board.apply(new TaskSucceeded(run, "a", 1, "w1", T0, null));

        TaskView task = board.run(run).orElseThrow().tasks().get(0);
        assertThat(task.state()).isEqualTo(TaskState.DISPATCHED);
        assertThat(task.worker()).isEqualTo("w2");
        assertThat(task.error()).isNull();
    }

    @Test
    void snapshotFillsTheDefinitionButKeepsNewerEventState() {
        board.apply(new TaskStateChanged(run, "a", TaskState.SUCCEEDED, 1, "w1", T0, null));
        board.merge(new RunSnapshot(run, "r", RunState.RUNNING, T0, null, List.of(
                new TaskSnapshot("a", "sleep", TaskState.RUNNING, 5, 1, "w1", List.of(), null, T0, null, null),
                new TaskSnapshot("b", "noop", TaskState.PENDING, 0, 0, null, List.of("a"), null, null, null, null))));

        RunDetail detail = board.run(run).orElseThrow();
        assertThat(detail.tasks()).extracting(TaskView::id, TaskView::state, TaskView::priority)
                .containsExactly(
                        tuple("a", TaskState.SUCCEEDED, 5),
                        tuple("b", TaskState.PENDING, 0));
        assertThat(detail.tasks().get(1).dependsOn()).containsExactly("a");
    }

    @Test
    void unknownRunIsAskedForUntilItsDefinitionIsLoaded() {
        assertThat(board.apply(new TaskStarted(run, "a", 1, "w1", T0))).contains(run);

        board.merge(new RunSnapshot(run, "r", RunState.RUNNING, T0, null, List.of()));

        assertThat(board.apply(new TaskStarted(run, "a", 1, "w1", T0))).isEmpty();
    }

    @Test
    void deltaCarriesOnlyWhatChangedSinceTheLastOne() {
        board.apply(new TaskStateChanged(run, "a", TaskState.READY, 0, null, T0, null));
        board.apply(new TaskStateChanged(run, "b", TaskState.READY, 0, null, T0, null));
        board.drainDelta();

        board.apply(new TaskStarted(run, "b", 1, "w1", T0));
        Delta delta = board.drainDelta().orElseThrow();

        assertThat(delta.tasks()).extracting(TaskView::id).containsExactly("b");
        assertThat(delta.runs()).extracting(RunSummary::id).containsExactly(run);
        assertThat(board.drainDelta()).isEmpty();
    }

    @Test
    void aBigBusyRunsFiguresGoOutAtMostOncePerGapButItsTasksEveryBatch() {
        board.apply(new RunSubmitted(run, "big", 5_000, T0));
        for (int i = 0; i < 5_000; i++) {
            board.apply(new TaskStateChanged(run, "t" + i, TaskState.READY, 0, null, T0, null));
        }
        assertThat(board.drainDelta().orElseThrow().runs()).extracting(RunSummary::id).containsExactly(run);

        clock.advance(Duration.ofMillis(100));
        board.apply(new TaskStarted(run, "t1", 1, "w1", clock.instant()));
        Delta early = board.drainDelta().orElseThrow();
        assertThat(early.tasks()).extracting(TaskView::id).containsExactly("t1");
        assertThat(early.runs()).as("5,000 tasks: figures again after %s", RunEntry.summaryGap(5_000)).isEmpty();
        assertThat(early.stats().runningTasks()).isEqualTo(1);

        clock.advance(RunEntry.summaryGap(5_000));
        Delta due = board.drainDelta().orElseThrow();
        assertThat(due.tasks()).isEmpty();
        assertThat(due.runs()).extracting(RunSummary::id).containsExactly(run);
        assertThat(due.runs().get(0).figures().counts().get(TaskState.RUNNING)).isEqualTo(1);
        assertThat(board.drainDelta()).isEmpty();

        board.apply(new RunStateChanged(run, "big", RunState.CANCELLED, clock.instant()));
        assertThat(board.drainDelta().orElseThrow().runs()).as("an ended run's figures go out at once")
                .extracting(RunSummary::state).containsExactly(RunState.CANCELLED);
    }

    @Test
    void runningTasksAreCountedAsTheyStartAndEnd() {
        board.apply(new RunSubmitted(run, "build", 3, T0));
        for (String task : List.of("a", "b", "c")) {
            board.apply(new TaskStarted(run, task, 1, "w1", T0));
        }
        board.apply(new TaskSucceeded(run, "a", 1, "w1", T0.plusSeconds(1), null));
        board.apply(new TaskFailed(run, "b", 1, "w1", T0.plusSeconds(1), "exit", "boom", false));
        assertThat(board.stats().runningTasks()).as("a worker's failure leaves the state to the queue").isEqualTo(2);
        board.apply(new TaskStateChanged(run, "b", TaskState.FAILED, 1, "w1", T0.plusSeconds(1), "exit: boom"));
        assertThat(board.stats().runningTasks()).isEqualTo(1);

        board.apply(new RunStateChanged(run, "build", RunState.FAILED, T0.plusSeconds(2)));
        assertThat(board.stats().runningTasks()).as("an ended run runs nothing").isZero();
    }

    @Test
    void deltaCarriesTheSpanOfTheEventsItHolds() {
        board.apply(new TaskStateChanged(run, "a", TaskState.READY, 0, null, T0.plusMillis(30), null));
        board.apply(new TaskStarted(run, "b", 1, "w1", T0.plusMillis(10)));
        board.apply(new RunStateChanged(run, "build", RunState.RUNNING, T0.plusMillis(50)));

        Delta delta = board.drainDelta().orElseThrow();
        assertThat(delta.firstEventAt()).isEqualTo(T0.plusMillis(10));
        assertThat(delta.lastEventAt()).isEqualTo(T0.plusMillis(50));

        board.apply(aHeartbeat("w1", 4, 1));
        Delta workersOnly = board.drainDelta().orElseThrow();
        assertThat(workersOnly.firstEventAt()).as("worker changes carry no event span").isNull();
        assertThat(workersOnly.lastEventAt()).isNull();
    }

    @Test
    void oldestRunIsForgottenWhenTheBoardIsFull() {
        UUID oldest = UUID.randomUUID();
        board.apply(new RunSubmitted(oldest, "old", 1, T0));
        for (int i = 1; i <= 3; i++) {
            board.apply(new RunSubmitted(UUID.randomUUID(), "new" + i, 1, T0.plusSeconds(i)));
        }

        assertThat(board.runs()).hasSize(3).extracting(RunSummary::id).doesNotContain(oldest);
        assertThat(board.drainDelta().orElseThrow().removedRuns()).containsExactly(oldest);
    }

    @Test
    void aStateBatchMovesItsTasksAsItsChangesWouldOneByOne() {
        UUID run = UUID.randomUUID();
        board.apply(new RunSubmitted(run, "batched", 2, T0));
        Board single = new Board(clock, 3, Duration.ofSeconds(3), Duration.ofMinutes(10));
        single.apply(new RunSubmitted(run, "batched", 2, T0));
        List<TaskStateChanged> changes = List.of(
                new TaskStateChanged(run, "a", TaskState.DISPATCHED, 1, "w1", T0, null),
                new TaskStateChanged(run, "b", TaskState.SKIPPED, 0, null, T0, null),
                new TaskStateChanged(run, "a", TaskState.SUCCEEDED, 1, "w1", T0.plusMillis(4), null, T0.plusMillis(1)));

        board.apply(new TaskStateBatch(run, changes));
        changes.forEach(single::apply);

        assertThat(board.run(run).orElseThrow().tasks()).isEqualTo(single.run(run).orElseThrow().tasks());
        assertThat(board.run(run).orElseThrow().tasks()).extracting(TaskView::state)
                .containsExactlyInAnyOrder(TaskState.SUCCEEDED, TaskState.SKIPPED);
        // A batch of a run the board does not know asks for its definition, as a single change does.
        UUID unknown = UUID.randomUUID();
        assertThat(board.apply(new TaskStateBatch(unknown, List.of(
                new TaskStateChanged(unknown, "x", TaskState.READY, 0, null, T0, null))))).contains(unknown);
    }

    @Test
    void aDeletedRunLeavesTheBoard() {
        UUID kept = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        board.apply(new RunSubmitted(kept, "kept", 1, T0));
        board.apply(new RunSubmitted(deleted, "old", 1, T0));
        board.apply(new RunStateChanged(deleted, "old", RunState.SUCCEEDED, T0.plusSeconds(1)));
        board.drainDelta();

        assertThat(board.apply(new RunDeleted(deleted, "old", 1, RunDeleted.RETENTION, T0.plusSeconds(2)))).isEmpty();

        assertThat(board.runs()).extracting(RunSummary::id).containsExactly(kept);
        assertThat(board.drainDelta().orElseThrow().removedRuns()).containsExactly(deleted);
        // Deleting a run the board never knew changes nothing.
        board.apply(new RunDeleted(UUID.randomUUID(), "gone", 1, RunDeleted.REQUEST, T0.plusSeconds(3)));
        assertThat(board.runs()).hasSize(1);
    }

    @Test
    void workersShowSlotsAndTurnLateThenDead() {
        board.apply(aHeartbeat("w1", 4, 1));
        assertThat(board.stats().busySlots()).isEqualTo(3);
        assertThat(board.stats().totalSlots()).isEqualTo(4);

        clock.advance(Duration.ofSeconds(4));
        assertThat(board.workers().get(0).state()).isEqualTo(WorkerStatus.LATE);

        board.apply(new WorkerDeclaredDead("w1", T0, T0.plusSeconds(5)));
        assertThat(board.workers().get(0).state()).isEqualTo(WorkerStatus.DEAD);
        assertThat(board.stats().totalSlots()).isZero();
    }

    @Test
    void throughputCountsFinishesOfTheLastTenSeconds() {
        board.apply(new TaskStateChanged(run, "a", TaskState.SUCCEEDED, 1, "w1", T0, null));
        board.apply(new TaskStateChanged(run, "b", TaskState.FAILED, 1, "w1", T0, "x"));
        assertThat(board.stats().tasksPerSecond()).isEqualTo(0.2);

        clock.advance(Duration.ofSeconds(11));
        assertThat(board.stats().tasksPerSecond()).isZero();
    }

    private WorkerHeartbeat aHeartbeat(String id, int slots, int free) {
        return new WorkerHeartbeat(id, "host", "http://host:8083", slots, free, List.of(0), List.of(), false,
                clock.instant());
    }
}

package dev.genesis.dashboard.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.common.events.RunStateChanged;
import dev.genesis.common.events.TaskProgressed;
import dev.genesis.common.events.TaskStarted;
import dev.genesis.common.events.TaskStateChanged;
import dev.genesis.common.events.TaskSucceeded;
import dev.genesis.common.events.WorkerDeclaredDead;
import dev.genesis.common.events.WorkerHeartbeat;
import dev.genesis.common.state.RunState;
import dev.genesis.common.state.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The board's live ETA and its per-second throughput and dispatch latency, from events with known times. */
class BoardActivityTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final Board board = new Board(clock, 10, Duration.ofSeconds(3), Duration.ofMinutes(10));
    private final UUID run = UUID.randomUUID();

    // ---------- ETA ----------

    @Test
    void etaFollowsTheCriticalPathThenReportedProgressThenTheSlots() {
        board.merge(aRun(aTask("a"), aTask("b"), aTask("c", "a", "b"), aTask("d", "c"), aTask("e")));
        board.apply(heartbeat("w1", 2));
        board.apply(new TaskStarted(run, "a", 1, "w1", T0));
        board.apply(new TaskStarted(run, "b", 1, "w1", T0));
        board.apply(new TaskSucceeded(run, "a", 1, "w1", T0.plusSeconds(2), null));
        board.apply(new TaskSucceeded(run, "b", 1, "w1", T0.plusSeconds(4), null));
        board.apply(new TaskStarted(run, "c", 1, "w1", T0.plusSeconds(4)));
        clock.advance(Duration.ofSeconds(5));

        // Sleeps took 3 s on average; c has run 1 s of its 3, then d: 2 s + 3 s. Work: 8 s / 2 slots.
        RunFigures figures = board.run(run).orElseThrow().figures();
        assertThat(figures.etaMs()).isEqualTo(5000);
        assertThat(figures.etaAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(board.runs().get(0).figures().etaMs()).as("the runs list carries it too").isEqualTo(5000);

        // c says 80 % after 1 s: 250 ms left, so the chain is 3.25 s; work 6.25 s / 2 slots.
        board.apply(new TaskProgressed(run, "c", 1, "w1", 80, null, T0.plusSeconds(5)));
        assertThat(board.run(run).orElseThrow().figures().etaMs()).isEqualTo(3250);

        // The same worker now reports one slot: the 6.25 s of work bound it.
        board.apply(heartbeat("w1", 1));
        assertThat(board.run(run).orElseThrow().figures().etaMs()).isEqualTo(6250);
    }

    @Test
    void etaIsUnknownUntilATaskSucceededAndZeroOnceTheRunIsDone() {
        board.merge(aRun(aTask("a"), aTask("b", "a")));
        board.apply(heartbeat("w1", 2));
        board.apply(new TaskStarted(run, "a", 1, "w1", T0));
        assertThat(board.run(run).orElseThrow().figures().etaMs()).isNull();
        assertThat(board.run(run).orElseThrow().figures().etaAt()).isNull();

        board.apply(new TaskSucceeded(run, "a", 1, "w1", T0.plusSeconds(1), null));
        board.apply(new TaskStarted(run, "b", 1, "w1", T0.plusSeconds(1)));
        board.apply(new TaskSucceeded(run, "b", 1, "w1", T0.plusSeconds(2), null));
        board.apply(new RunStateChanged(run, "r", RunState.SUCCEEDED, T0.plusSeconds(2)));

        assertThat(board.run(run).orElseThrow().figures().etaMs()).isZero();
    }

    @Test
    void etaIsUnknownWithoutALiveWorker() {
        board.merge(aRun(aTask("a"), aTask("b")));
        board.apply(heartbeat("w1", 2));
        board.apply(new TaskStarted(run, "a", 1, "w1", T0));
        board.apply(new TaskSucceeded(run, "a", 1, "w1", T0.plusSeconds(1), null));
        assertThat(board.run(run).orElseThrow().figures().etaMs()).isEqualTo(1000);

        clock.advance(Duration.ofSeconds(20));
        board.apply(new WorkerDeclaredDead("w1", T0, clock.instant()));

        assertThat(board.run(run).orElseThrow().figures().etaMs()).isNull();
    }

    // ---------- throughput and dispatch latency ----------

    @Test
    void finishesCountInTheSecondTheyHappenedOnce() {
        clock.advance(Duration.ofSeconds(10));
        board.merge(aRun(aTask("a"), aTask("b"), aTask("c"), aTask("d")));
        board.apply(new TaskSucceeded(run, "a", 1, "w1", T0.plusMillis(1200), null));
        board.apply(new TaskSucceeded(run, "b", 1, "w1", T0.plusMillis(1700), null));
        board.apply(new TaskSucceeded(run, "c", 1, "w1", T0.plusMillis(3000), null));
        board.apply(new TaskStateChanged(run, "d", TaskState.FAILED, 1, "w1", T0.plusMillis(3500), "boom"));
        // The queue's word on a finish the worker reported already, and a reload, count nothing more.
        board.apply(new TaskStateChanged(run, "a", TaskState.SUCCEEDED, 1, "w1", T0.plusMillis(1300), null));
        board.merge(aRun(aTask("a"), aTask("b"), aTask("c"), aTask("d")));

        List<SeriesPoint> points = board.series().points();
        assertThat(points).hasSize(300);
        assertThat(points.get(299).at()).isEqualTo(T0.plusSeconds(10));
        assertThat(finishedAt(points, 1)).isEqualTo(2);
        assertThat(finishedAt(points, 2)).isZero();
        assertThat(finishedAt(points, 3)).isEqualTo(2);
        assertThat(points.stream().mapToInt(SeriesPoint::finished).sum()).isEqualTo(4);
    }

    @Test
    void dispatchLatencyRunsFromTheLastDependencyOrFromReady() {
        clock.advance(Duration.ofSeconds(3));
        board.merge(aRun(aTask("a"), aTask("b"), aTask("c", "a", "b")));
        board.apply(new TaskStateChanged(run, "a", TaskState.READY, 0, null, T0, null));
        board.apply(new TaskStateChanged(run, "b", TaskState.READY, 0, null, T0, null));
        board.apply(new TaskStarted(run, "a", 1, "w1", T0.plusMillis(10)));
        board.apply(new TaskStarted(run, "b", 1, "w1", T0.plusMillis(30)));
        board.apply(new TaskSucceeded(run, "a", 1, "w1", T0.plusMillis(500), null));
        board.apply(new TaskSucceeded(run, "b", 1, "w1", T0.plusMillis(900), null));
        board.apply(new TaskStarted(run, "c", 1, "w1", T0.plusMillis(925)));
        // c fails and is retried: the retry waits from its READY time.
        board.apply(new TaskStateChanged(run, "c", TaskState.READY, 1, null, T0.plusMillis(2000), null));
        board.apply(new TaskStarted(run, "c", 2, "w1", T0.plusMillis(2040)));

        List<SeriesPoint> points = board.series().points();
        SeriesPoint first = pointAt(points, 0);
        // a: 10 ms after READY, b: 30 ms, c: 25 ms after b (its last dependency) finished.
        assertThat(first.started()).isEqualTo(3);
        assertThat(first.latencyP50Ms()).isEqualTo(25.0);
        assertThat(first.latencyP99Ms()).isEqualTo(30.0);
        SeriesPoint retry = pointAt(points, 2);
        assertThat(retry.started()).isEqualTo(1);
        assertThat(retry.latencyP50Ms()).isEqualTo(40.0);
        assertThat(pointAt(points, 1).latencyP50Ms()).as("no start in that second").isNull();
    }

    @Test
    void latencyPercentilesAreNearestRank() {
        List<TaskSnapshot> tasks = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            tasks.add(aTask("t" + i));
        }
        board.merge(new RunSnapshot(run, "r", RunState.RUNNING, T0, null, tasks));
        // Shuffled arrival: the percentile must not depend on order.
        Integer[] order = new Integer[100];
        Arrays.setAll(order, i -> (i * 37) % 100 + 1);
        for (int i : order) {
            board.apply(new TaskStateChanged(run, "t" + i, TaskState.READY, 0, null, T0, null));
            board.apply(new TaskStarted(run, "t" + i, 1, "w1", T0.plusMillis(i)));
        }

        SeriesPoint point = pointAt(board.series().points(), 0);
        assertThat(point.started()).isEqualTo(100);
        assertThat(point.latencyP50Ms()).isEqualTo(50.0);
        assertThat(point.latencyP99Ms()).isEqualTo(99.0);
    }

    @Test
    void seriesKeepsFiveMinutesAndNothingOlder() {
        board.merge(aRun(aTask("a"), aTask("b"), aTask("c")));
        board.apply(new TaskSucceeded(run, "a", 1, "w1", T0, null));
        clock.advance(Duration.ofSeconds(300));
        // 301 s old by its own time: outside the window; one from a clock ahead lands in this second.
        board.apply(new TaskSucceeded(run, "b", 1, "w1", T0.minusSeconds(1), null));
        board.apply(new TaskSucceeded(run, "c", 1, "w1", clock.instant().plusSeconds(30), null));

        List<SeriesPoint> points = board.series().points();
        assertThat(points).hasSize(300);
        assertThat(points.get(0).at()).isEqualTo(T0.plusSeconds(1));
        assertThat(points.stream().mapToInt(SeriesPoint::finished).sum()).isEqualTo(1);
        assertThat(points.get(299).finished()).isEqualTo(1);
    }

    @Test
    void aDeltaCarriesTheChangedChartPointsOnly() {
        board.merge(aRun(aTask("a"), aTask("b")));
        board.drainDelta();
        clock.advance(Duration.ofSeconds(5));

        board.apply(new TaskSucceeded(run, "a", 1, "w1", T0.plusMillis(4200), null));
        Delta delta = board.drainDelta().orElseThrow();

        assertThat(delta.series()).hasSize(1);
        assertThat(delta.series().get(0).at()).isEqualTo(T0.plusSeconds(4));
        assertThat(delta.series().get(0).finished()).isEqualTo(1);
        assertThat(board.drainDelta()).isEmpty();
    }

    private static int finishedAt(List<SeriesPoint> points, int second) {
        return pointAt(points, second).finished();
    }

    private static SeriesPoint pointAt(List<SeriesPoint> points, int second) {
        return points.stream().filter(p -> p.at().equals(T0.plusSeconds(second))).findFirst().orElseThrow();
    }

    private RunSnapshot aRun(TaskSnapshot... tasks) {
        return new RunSnapshot(run, "r", RunState.RUNNING, T0, null, List.of(tasks));
    }

    private static TaskSnapshot aTask(String id, String... dependsOn) {
        return new TaskSnapshot(id, "sleep", TaskState.PENDING, 0, 0, null, List.of(dependsOn), null, null, null, null);
    }

    private WorkerHeartbeat heartbeat(String id, int slots) {
        return new WorkerHeartbeat(id, "host", "http://host:8083", slots, 0, List.of(0), List.of(), false,
                clock.instant());
    }
}

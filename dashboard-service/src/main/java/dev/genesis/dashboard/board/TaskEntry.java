package dev.genesis.dashboard.board;

import dev.genesis.common.events.TaskFailed;
import dev.genesis.common.events.TaskProgressed;
import dev.genesis.common.events.TaskStarted;
import dev.genesis.common.events.TaskStateChanged;
import dev.genesis.common.events.TaskSucceeded;
import dev.genesis.common.state.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The board's mutable record of one task. The queue's {@link TaskStateChanged} is the source of
 * truth; worker events arrive on another topic, so they only fill in what the queue does not say
 * (start, progress, finish) and never undo a state of the same attempt; nor does a queue event of
 * the same attempt that arrives after the worker's later ones. Events of an older attempt are
 * late and ignored.
 */
final class TaskEntry {

    private final UUID runId;
    private final String id;
    private String kind;
    private TaskState state = TaskState.PENDING;
    private int priority;
    private int attempt;
    private String worker;
    private Integer progress;
    private String message;
    private List<String> dependsOn = List.of();
    private Instant readyAt;
    private Instant startedAt;
    private Instant finishedAt;
    private String error;
    /** Whether an event (rather than only a REST snapshot) has shaped this entry. */
    private boolean touchedByEvents;
    /** The attempts whose finish and start the activity series already counted (-1: none). */
    private int finishCounted = -1;
    private int startCounted = -1;

    TaskEntry(UUID runId, String id) {
        this.runId = runId;
        this.id = id;
    }

    TaskState state() {
        return state;
    }

    int attempt() {
        return attempt;
    }

    List<String> dependsOn() {
        return dependsOn;
    }

    Instant readyAt() {
        return readyAt;
    }

    Instant finishedAt() {
        return finishedAt;
    }

    /** When the current attempt finished (succeeded or failed), if the series has not counted it yet. */
    Instant uncountedFinish() {
        boolean ended = state == TaskState.SUCCEEDED || state == TaskState.FAILED;
        return ended && finishedAt != null && finishCounted != attempt ? finishedAt : null;
    }

    void finishCounted() {
        finishCounted = attempt;
    }

    /** When the current attempt started, if the series has not taken its dispatch latency yet. */
    Instant uncountedStart() {
        return startedAt != null && startCounted != attempt ? startedAt : null;
    }

    void startCounted() {
        startCounted = attempt;
    }

    /** @return whether anything changed */
    boolean apply(TaskStateChanged e) {
        if (e.attempt() < attempt) {
            return false;
        }
        if (e.attempt() == attempt && behindTheWorker(e.state())) {
            // The worker's events of this attempt, on the other topic, got here first.
            if (e.state() == TaskState.RUNNING && startedAt == null) {
                startedAt = e.at();
                return true;
            }
            return false;
        }
        boolean sameTerminal = e.attempt() == attempt && state == e.state() && state.isTerminal();
        touchedByEvents = true;
        attempt = e.attempt();
        state = e.state();
        keepWorker(e.workerId());
        switch (e.state()) {
            case PENDING, READY -> {
                clearAttempt();
                readyAt = e.state() == TaskState.READY ? e.at() : null;
            }
            case DISPATCHED -> {
                clearAttempt();
                error = null;
            }
            case RUNNING -> {
                if (startedAt == null) {
                    startedAt = e.at();
                }
            }
            default -> {
                if (!sameTerminal || finishedAt == null) {
                    finishedAt = e.at();
                }
                keepStart(e.startedAt());
                if (e.error() != null) {
                    error = e.error();
                }
                if (e.state() == TaskState.SUCCEEDED) {
                    progress = 100;
                }
            }
        }
        return true;
    }

    /**
     * Whether the queue's {@code queued} step of the current attempt comes before what is already
     * known of it: a dispatch once the attempt runs or ended, a start once it ended. (A READY after
     * the attempt failed is its retry, ahead of it, and is applied.)
     */
    private boolean behindTheWorker(TaskState queued) {
        return (queued == TaskState.DISPATCHED && (state == TaskState.RUNNING || state.isTerminal()))
                || (queued == TaskState.RUNNING && state.isTerminal());
    }

    boolean apply(TaskStarted e) {
        if (!acceptWorkerEvent(e.attempt())) {
            return false;
        }
        startedAt = e.at();
        keepWorker(e.workerId());
        if (!state.isTerminal()) {
            state = TaskState.RUNNING;
        }
        return true;
    }

    boolean apply(TaskProgressed e) {
        if (!acceptWorkerEvent(e.attempt()) || state.isTerminal()) {
            return false;
        }
        if (e.percent() != null) {
            progress = e.percent();
        }
        if (e.message() != null) {
            message = e.message();
        }
        keepWorker(e.workerId());
        state = TaskState.RUNNING;
        return true;
    }

    boolean apply(TaskSucceeded e) {
        if (!acceptWorkerEvent(e.attempt())) {
            return false;
        }
        keepWorker(e.workerId());
        keepStart(e.startedAt());
        if (!state.isTerminal()) {
            state = TaskState.SUCCEEDED;
            finishedAt = e.at();
            progress = 100;
        }
        return true;
    }

    /** The queue decides between retry and failure; the board only keeps the reason meanwhile. */
    boolean apply(TaskFailed e) {
        if (!acceptWorkerEvent(e.attempt()) || state.isTerminal()) {
            return false;
        }
        keepWorker(e.workerId());
        keepStart(e.startedAt());
        error = e.error() == null ? e.cause() : e.cause() + ": " + e.error();
        return true;
    }

    private boolean acceptWorkerEvent(int eventAttempt) {
        if (eventAttempt < attempt) {
            return false;
        }
        touchedByEvents = true;
        if (eventAttempt > attempt) {
            // The worker is ahead of the queue's events on the other topic: a new attempt began.
            attempt = eventAttempt;
            state = TaskState.DISPATCHED;
            clearAttempt();
        }
        return true;
    }

    /**
     * Takes a REST snapshot. The definition (kind, priority, dependencies) always comes from it;
     * the state only when no event has been seen yet or the snapshot is a newer attempt, because a
     * snapshot may have been read before events that the board has already applied.
     */
    void merge(TaskSnapshot s) {
        kind = s.kind();
        priority = s.priority() == null ? 0 : s.priority();
        dependsOn = s.dependsOn() == null ? List.of() : List.copyOf(s.dependsOn());
        int snapshotAttempt = s.attempt() == null ? 0 : s.attempt();
        boolean newer = snapshotAttempt > attempt
                || (snapshotAttempt == attempt && s.state() != null && s.state().isTerminal() && !state.isTerminal());
        if (!touchedByEvents || newer) {
            state = s.state() == null ? state : s.state();
            attempt = snapshotAttempt;
            worker = s.worker();
            readyAt = s.readyAt();
            startedAt = s.startedAt();
            finishedAt = s.finishedAt();
            error = s.error();
            progress = state == TaskState.SUCCEEDED ? Integer.valueOf(100) : null;
        }
    }

    /** A short attempt's start comes inside its result (no TaskStarted, no RUNNING change). */
    private void keepStart(Instant reported) {
        if (startedAt == null && reported != null) {
            startedAt = reported;
        }
    }

    /** Workers name themselves on their events; an event without a name keeps the one known. */
    private void keepWorker(String workerId) {
        if (workerId != null) {
            worker = workerId;
        }
    }

    private void clearAttempt() {
        startedAt = null;
        finishedAt = null;
        progress = null;
        message = null;
    }

    TaskView view(Instant now) {
        Long durationMs = null;
        if (startedAt != null) {
            Instant end = finishedAt != null ? finishedAt : state.isTerminal() ? startedAt : now;
            durationMs = Math.max(0, Duration.between(startedAt, end).toMillis());
        }
        return new TaskView(runId, id, kind, state, priority, attempt, worker, progress, message, dependsOn, readyAt,
                startedAt, finishedAt, durationMs, error);
    }
}

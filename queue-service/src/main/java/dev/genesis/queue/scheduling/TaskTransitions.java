package dev.genesis.queue.scheduling;

import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.RunStateChanged;
import dev.genesis.common.events.TaskFailed;
import dev.genesis.common.events.TaskHandedBack;
import dev.genesis.common.events.TaskStarted;
import dev.genesis.common.events.TaskStateChanged;
import dev.genesis.common.events.TaskSucceeded;
import dev.genesis.common.state.RunState;
import dev.genesis.common.state.TaskState;
import dev.genesis.queue.metrics.QueueMetrics;
import dev.genesis.queue.store.HeldTasks;
import dev.genesis.queue.store.RunRow;
import dev.genesis.queue.store.RunStore;
import dev.genesis.queue.store.TaskKey;
import dev.genesis.queue.store.TaskRow;
import dev.genesis.queue.store.TaskStore;
import dev.genesis.queue.store.TaskWrites;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Applies what workers report to the task rows, inside the caller's transaction. An event counts
 * only for the task's current attempt while the task is active; anything else is late or
 * duplicated and is ignored.
 */
@ApplicationScoped
public class TaskTransitions {

    private static final Logger LOG = Logger.getLogger(TaskTransitions.class);
    /** Every move that ends an attempt forgets the task held on it (promoted or released before). */
    private static final String ENDS_CONTINUATION = ", continuation = NULL";

    private final TaskStore tasks;
    private final RunStore runs;
    private final Continuations continuations;

    public TaskTransitions(TaskStore tasks, RunStore runs, Continuations continuations) {
        this.tasks = tasks;
        this.runs = runs;
        this.continuations = continuations;
    }

    /**
     * Applies a batch of reports in their order. The rows they name are read and locked with one
     * statement, and what changes is written together when the transaction ends ({@link
     * #finishRuns}): a batch costs a few round trips to PostgreSQL, not a few per report.
     */
    public void apply(Connection c, Changes changes, List<GenesisEvent> events, Instant now) throws SQLException {
        Set<TaskKey> keys = new LinkedHashSet<>();
        for (GenesisEvent event : events) {
            TaskKey key = keyOf(event);
            if (key != null) {
                keys.add(key);
            }
        }
        changes.rows.putAll(tasks.lockAll(c, keys));
        for (GenesisEvent event : events) {
            applyOne(c, changes, event, now);
        }
    }

    private void applyOne(Connection c, Changes changes, GenesisEvent event, Instant now) throws SQLException {
        if (event instanceof TaskStarted e) {
            TaskRow row = current(changes, e.runId(), e.taskId(), e.attempt(), event);
            if (row != null && row.state() == TaskState.DISPATCHED) {
                move(changes, row, TaskState.RUNNING, e.workerId(), null, "worker = ?, started_at = ?",
                        e.workerId(), Timestamp.from(e.at() == null ? now : e.at()));
            }
        } else if (event instanceof TaskSucceeded e) {
            TaskRow row = current(changes, e.runId(), e.taskId(), e.attempt(), event);
            if (row != null) {
                succeed(c, changes, row, e.at() == null ? now : e.at(), FoldedStart.of(row, e.startedAt(),
                        e.workerId()), now);
            }
        } else if (event instanceof TaskFailed e) {
            TaskRow row = current(changes, e.runId(), e.taskId(), e.attempt(), event);
            if (row != null) {
                fail(c, changes, row, e.cause(), e.error(), e.retryable(), FoldedStart.of(row, e.startedAt(),
                        e.workerId()), now);
            }
        } else if (event instanceof TaskHandedBack e) {
            TaskRow row = current(changes, e.runId(), e.taskId(), e.attempt(), event);
            if (row != null) {
                requeue(c, changes, row, now);
            }
        }
        // Progress and other events are the dashboard's business.
    }

    /** The task a worker's report is about; null for events that move no task here. */
    private static TaskKey keyOf(GenesisEvent event) {
        if (event instanceof TaskStarted e) {
            return new TaskKey(e.runId(), e.taskId());
        } else if (event instanceof TaskSucceeded e) {
            return new TaskKey(e.runId(), e.taskId());
        } else if (event instanceof TaskFailed e) {
            return new TaskKey(e.runId(), e.taskId());
        } else if (event instanceof TaskHandedBack e) {
            return new TaskKey(e.runId(), e.taskId());
        }
        return null;
    }

    /**
     * The start a worker reported inside the result of a short attempt (see the worker's
     * {@code start-report-delay}): the task goes from DISPATCHED to its end in one step, and the
     * same statement records when and where it started.
     */
    record FoldedStart(Instant at, String workerId) {

        /** The start to record, or null when the row already went through RUNNING or none was reported. */
        static FoldedStart of(TaskRow row, Instant at, String workerId) {
            if (at == null || row.state() != TaskState.DISPATCHED) {
                return null;
            }
            return new FoldedStart(at, workerId == null ? row.worker() : workerId);
        }
    }

    /**
     * A task finished well: the dependent held on it ({@link Continuations}), already started by
     * its worker or about to be, moves to DISPATCHED at once (so that its reports later in this
     * batch count) and the line behind it grows; so do its relays, which its worker forwarded. The
     * other dependents may become READY in the same transaction (see {@link #finishRuns}).
     */
    void succeed(Connection c, Changes changes, TaskRow row, Instant finishedAt, FoldedStart start, Instant now)
            throws SQLException {
        HeldTasks.Behind behind = continuations.behind(c, row);
        move(changes, row, TaskState.SUCCEEDED, row.worker(), null, start, "finished_at = ?" + ENDS_CONTINUATION,
                Timestamp.from(finishedAt));
        changes.closed(row.runId(), 1);
        changes.writes.release(row.runId(), row.dependents());
        changes.wakeDispatcher = true;
        List<TaskRow> line = behind.line();
        if (!line.isEmpty()) {
            TaskRow promoted = promote(changes, line.get(0), now);
            continuations.extend(c, changes, promoted, line.subList(1, line.size()), now);
        }
        for (TaskRow relayed : behind.relays()) {
            promote(changes, relayed, now);
        }
    }

    /** A task held on one that succeeded just now: DISPATCHED to the worker it was sent ahead to. */
    private TaskRow promote(Changes changes, TaskRow held, Instant now) {
        changes.rows.put(new TaskKey(held.runId(), held.taskId()), held);
        changes.outbox.continuations(QueueMetrics.CONTINUATION_PROMOTED, 1);
        return move(changes, held, TaskState.DISPATCHED, held.worker(), null, (FoldedStart) null,
                "dispatched_at = ?, pending_deps = 0, held_on = NULL, effective_priority = priority",
                Timestamp.from(now));
    }

    /** A failed attempt: retried after a backoff while attempts remain, else FAILED with its descendants SKIPPED. */
    public void fail(Connection c, Changes changes, TaskRow row, String cause, String error, boolean retryable,
            Instant now) throws SQLException {
        fail(c, changes, row, cause, error, retryable, null, now);
    }

    private void fail(Connection c, Changes changes, TaskRow row, String cause, String error, boolean retryable,
            FoldedStart start, Instant now) throws SQLException {
        String message = (cause == null ? "error" : cause) + (error == null ? "" : ": " + error);
        changes.wakeDispatcher = true;
        continuations.release(c, changes, row);
        if (cancelRequested(c, changes, row.runId())) {
            move(changes, row, TaskState.CANCELLED, row.worker(), message, start,
                    "finished_at = ?, error = ?" + ENDS_CONTINUATION, Timestamp.from(now), message);
            changes.closed(row.runId(), 1);
            return;
        }
        int failures = row.failures() + 1;
        if (retryable && failures < row.retry().effectiveMaxAttempts()) {
            long delay = row.retry().delayAfter(failures, ThreadLocalRandom.current().nextDouble());
            move(changes, row, TaskState.READY, null, message, "failures = ?, error = ?, worker = NULL, "
                    + "not_before = ?, ready_at = ?" + ENDS_CONTINUATION, failures, message, Timestamp.from(now.plusMillis(delay)),
                    Timestamp.from(now));
            changes.outbox.retried(cause);
            return;
        }
        move(changes, row, TaskState.FAILED, row.worker(), message, start,
                "failures = ?, error = ?, finished_at = ?" + ENDS_CONTINUATION, failures, message, Timestamp.from(now));
        // Only PENDING rows are downstream of a task that did not succeed, and no report of this
        // transaction moves a PENDING row, so skipping them now, before the held-back moves, is safe.
        List<String> skipped = tasks.skipDescendants(c, row.runId(), row.dependents(), "upstream task '"
                + row.taskId() + "' failed", now);
        for (String id : skipped) {
            changes.outbox.runEvent(new TaskStateChanged(row.runId(), id, TaskState.SKIPPED, 0, null, now, null));
        }
        changes.closed(row.runId(), 1 + skipped.size());
    }

    /** The attempt is given back unfinished: READY again, no failure counted (the next dispatch adds an attempt). */
    public void requeue(Connection c, Changes changes, TaskRow row, Instant now) throws SQLException {
        changes.wakeDispatcher = true;
        continuations.release(c, changes, row);
        if (cancelRequested(c, changes, row.runId())) {
            move(changes, row, TaskState.CANCELLED, row.worker(), null, "finished_at = ?" + ENDS_CONTINUATION,
                    Timestamp.from(now));
            changes.closed(row.runId(), 1);
            return;
        }
        move(changes, row, TaskState.READY, null, null, "worker = NULL, not_before = ?, ready_at = ?"
                + ENDS_CONTINUATION, Timestamp.from(now), Timestamp.from(now));
    }

    /**
     * Writes the task changes held back so far, announces the dependents they made READY, then ends
     * every run whose tasks are now all terminal and publishes its new state. Every transaction that
     * moves tasks through this class ends with this call.
     */
    public void finishRuns(Connection c, Changes changes, Instant now) throws SQLException {
        TaskWrites.Released released = changes.writes.flush(c, now);
        for (TaskKey key : released.ready()) {
            changes.outbox.runEvent(new TaskStateChanged(key.runId(), key.taskId(), TaskState.READY, 0, null, now, null));
        }
        changes.rows.clear();
        changes.readyFloor = null; // the releases may have readied higher priorities
        continuations.holdOnLastDependencies(c, changes, released.waitingOnOne(), now);
        for (Map.Entry<UUID, Integer> delta : changes.openDelta.entrySet()) {
            RunRow run = runs.addOpen(c, delta.getKey(), delta.getValue());
            if (run.openTasks() == 0 && run.state() == RunState.RUNNING) {
                RunState outcome = runs.outcome(c, run);
                if (runs.move(c, run, outcome, now, run.cancelRequested())) {
                    changes.outbox.runEvent(new RunStateChanged(run.id(), run.name(), outcome, now));
                }
            }
        }
        changes.openDelta.clear();
    }

    private TaskRow current(Changes changes, UUID runId, String taskId, int attempt, GenesisEvent event) {
        TaskRow row = changes.rows.get(new TaskKey(runId, taskId));
        if (row == null || row.attempt() != attempt || !row.state().isActive()) {
            LOG.debugf("ignoring late or unknown %s (task now %s)", event, row == null ? null : row.state());
            return null;
        }
        return row;
    }

    private void move(Changes changes, TaskRow row, TaskState next, String worker, String error,
            String assignments, Object... values) {
        move(changes, row, next, worker, error, null, assignments, values);
    }

    /**
     * Moves the row (written at {@link #finishRuns}) and announces it; a folded start is written by
     * the same statement and carried by the event. Later reports of the same batch see the moved row.
     */
    private TaskRow move(Changes changes, TaskRow row, TaskState next, String worker, String error,
            FoldedStart start, String assignments, Object... values) {
        if (start != null) {
            assignments += ", started_at = ?, worker = ?";
            values = Arrays.copyOf(values, values.length + 2);
            values[values.length - 2] = Timestamp.from(start.at());
            values[values.length - 1] = start.workerId();
            worker = start.workerId();
        }
        TaskRow moved = changes.writes.move(row, next, worker, assignments, values);
        changes.rows.put(new TaskKey(row.runId(), row.taskId()), moved);
        changes.outbox.runEvent(new TaskStateChanged(row.runId(), row.taskId(), next, row.attempt(), worker,
                Instant.now(), error, start == null ? null : start.at()));
        return moved;
    }

    private boolean cancelRequested(Connection c, Changes changes, UUID runId) throws SQLException {
        Boolean known = changes.cancelRequested.get(runId);
        if (known != null) {
            return known;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT cancel_requested FROM runs WHERE id = ?")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                boolean value = rs.next() && rs.getBoolean(1);
                changes.cancelRequested.put(runId, value);
                return value;
            }
        }
    }
}

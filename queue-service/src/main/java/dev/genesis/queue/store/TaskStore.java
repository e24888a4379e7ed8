package dev.genesis.queue.store;

import dev.genesis.common.spec.BuiltInKinds;
import dev.genesis.common.spec.RetryPolicy;
import dev.genesis.common.state.TaskState;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Task rows and their state changes. A worker's report moves its task through {@link TaskWrites}
 * (checked by {@link TaskState#canMoveTo}, written with an optimistic version); the statements here
 * move whole sets (claims, skips, cancels, resets) by their state predicates.
 */
@ApplicationScoped
public class TaskStore {

    static final String COLUMNS = "run_id, task_id, kind, params::text AS params, priority, dependents, writes, reads, mode, "
            + "timeout_ms, max_attempts, backoff_ms, multiplier, max_backoff_ms, state, attempt, failures, worker, "
            + "ready_at, version, continuation";

    /**
     * Reads and locks the rows of {@code keys} in key order (the same order for every caller, so two
     * batches never wait on each other crosswise); unknown keys are absent from the answer.
     */
    public Map<TaskKey, TaskRow> lockAll(Connection c, Collection<TaskKey> keys) throws SQLException {
        Map<TaskKey, TaskRow> rows = new HashMap<>();
        if (keys.isEmpty()) {
            return rows;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tasks "
                + "WHERE (run_id, task_id) IN (SELECT * FROM unnest(?::uuid[], ?::text[])) "
                + "ORDER BY run_id, task_id FOR UPDATE")) {
            Sql.bindKeys(c, ps, 1, keys);
            for (TaskRow row : collect(ps)) {
                rows.put(new TaskKey(row.runId(), row.taskId()), row);
            }
        }
        return rows;
    }

    /** The best READY tasks due now, in dispatch order, locked; rows another transaction holds are skipped. */
    public List<TaskRow> claimReady(Connection c, int limit) throws SQLException {
        List<TaskRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tasks WHERE state = 'READY' "
                + "AND not_before <= now() ORDER BY effective_priority DESC, remaining_ms DESC, remaining_path DESC, seq "
                + "LIMIT ? FOR UPDATE SKIP LOCKED")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
        }
        return rows;
    }

    /**
     * Every DISPATCHED or RUNNING attempt: few rows (bounded by worker slots), read through a partial
     * index, and only the columns a dispatch round counts with (it runs once per freed slot).
     */
    public List<ActiveAttempt> active(Connection c) throws SQLException {
        List<ActiveAttempt> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT worker, writes, reads, mode, kind, params::text, task_id FROM tasks "
                        + "WHERE state IN ('DISPATCHED', 'RUNNING')");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                OptionalLong expected = BuiltInKinds.expectedMillis(rs.getString(5),
                        StoredParams.parse(rs.getString(6), rs.getString(7)));
                rows.add(new ActiveAttempt(rs.getString(1), Sql.texts(rs, "writes"), Sql.texts(rs, "reads"),
                        rs.getString(4), expected));
            }
        }
        return rows;
    }

    public List<TaskRow> activeOf(Connection c, String worker) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM tasks WHERE state IN ('DISPATCHED', 'RUNNING') AND worker = ? FOR UPDATE")) {
            ps.setString(1, worker);
            return collect(ps);
        }
    }

    public List<TaskRow> activeOfRun(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM tasks WHERE state IN ('DISPATCHED', 'RUNNING') AND run_id = ? FOR UPDATE")) {
            ps.setObject(1, runId);
            return collect(ps);
        }
    }

    /** DISPATCHED tasks not started in time, and RUNNING ones past their timeout plus grace. */
    public List<TaskRow> overdue(Connection c, long dispatchTimeoutMs, long graceMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tasks WHERE "
                + "(state = 'DISPATCHED' AND dispatched_at < now() - ? * interval '1 millisecond') OR "
                + "(state = 'RUNNING' AND started_at < now() - (timeout_ms + ?) * interval '1 millisecond') "
                + "FOR UPDATE SKIP LOCKED")) {
            ps.setLong(1, dispatchTimeoutMs);
            ps.setLong(2, graceMs);
            return collect(ps);
        }
    }

    /**
     * Ageing: raises the effective priority of every READY task to its priority plus one per
     * {@code stepSeconds} waited since {@code ready_at}, never above {@code max}. Computed from
     * {@code ready_at} rather than incremented, so a late or missed sweep loses nothing and a
     * repeated one adds nothing. Rows a dispatch round holds are skipped (they are leaving READY),
     * and the version is not bumped: the effective priority orders the queue, it is not task state,
     * so it must not make a concurrent state change lose its optimistic race.
     *
     * @return the number of tasks raised
     */
    public int age(Connection c, int stepSeconds, int max) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("WITH aged AS (SELECT run_id, task_id, "
                + "LEAST(?::bigint, priority + floor(extract(epoch FROM now() - ready_at) / ?)::bigint)::int AS p "
                + "FROM tasks WHERE state = 'READY' AND ready_at < now() - ? * interval '1 second' "
                + "AND effective_priority < ? FOR UPDATE SKIP LOCKED) "
                + "UPDATE tasks t SET effective_priority = aged.p FROM aged "
                + "WHERE t.run_id = aged.run_id AND t.task_id = aged.task_id AND t.effective_priority < aged.p")) {
            ps.setInt(1, max);
            ps.setInt(2, stepSeconds);
            ps.setInt(3, stepSeconds);
            ps.setInt(4, max);
            return ps.executeUpdate();
        }
    }

    /**
     * Skips every PENDING task downstream of {@code dependents}, level by level. Only PENDING tasks
     * can be downstream of a task that did not succeed, and PENDING to SKIPPED is legal.
     *
     * @return the ids skipped
     */
    public List<String> skipDescendants(Connection c, UUID runId, Collection<String> dependents, String reason,
            Instant now) throws SQLException {
        List<String> skipped = new ArrayList<>();
        List<String> frontier = new ArrayList<>(dependents);
        while (!frontier.isEmpty()) {
            List<String> next = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE tasks SET state = 'SKIPPED', version = version + 1, "
                    + "finished_at = ?, error = ? WHERE run_id = ? AND task_id = ANY(?) AND state = 'PENDING' "
                    + "RETURNING task_id, dependents")) {
                ps.setTimestamp(1, Sql.ts(now));
                ps.setString(2, reason);
                ps.setObject(3, runId);
                ps.setArray(4, Sql.texts(c, frontier));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        skipped.add(rs.getString(1));
                        next.addAll(Sql.texts(rs, "dependents"));
                    }
                }
            }
            frontier = next;
        }
        return skipped;
    }

    /**
     * A waiting task a cancel ended. When it was sent ahead, {@code heldBy} is the worker holding it
     * (that of the task it is held on) and {@code meantFor} the worker it was meant to run on (the
     * same for a continuation, another for a relay); both null otherwise.
     */
    public record CancelledTask(String taskId, int attempt, String heldBy, String meantFor) {
    }

    /** Cancels every waiting (PENDING or READY) task of a run; PENDING/READY to CANCELLED is legal. */
    public List<CancelledTask> cancelWaiting(Connection c, UUID runId, Instant now) throws SQLException {
        List<CancelledTask> cancelled = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE tasks t SET state = 'CANCELLED', version = version + 1, "
                + "finished_at = ? WHERE run_id = ? AND state IN ('PENDING', 'READY') "
                + "RETURNING task_id, attempt, CASE WHEN held_on IS NULL THEN NULL ELSE (SELECT p.worker FROM tasks p "
                + "WHERE p.run_id = t.run_id AND p.task_id = t.held_on) END, "
                + "CASE WHEN held_on IS NULL THEN NULL ELSE worker END")) {
            ps.setTimestamp(1, Sql.ts(now));
            ps.setObject(2, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cancelled.add(new CancelledTask(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return cancelled;
    }

    /**
     * Brings failed, skipped and cancelled tasks of a run back: READY when every dependency
     * succeeded, PENDING otherwise (both legal from those states). Attempts keep counting.
     *
     * @return the number of tasks reset
     */
    public int resetUnfinished(Connection c, UUID runId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("WITH w AS (SELECT t.task_id, (SELECT count(*) FROM tasks d "
                + "WHERE d.run_id = t.run_id AND d.task_id = ANY(t.depends_on) AND d.state <> 'SUCCEEDED') AS waiting "
                + "FROM tasks t WHERE t.run_id = ? AND t.state IN ('FAILED', 'SKIPPED', 'CANCELLED')) "
                + "UPDATE tasks t SET pending_deps = w.waiting, "
                + "state = CASE WHEN w.waiting = 0 THEN 'READY' ELSE 'PENDING' END, "
                + "ready_at = CASE WHEN w.waiting = 0 THEN ?::timestamptz ELSE NULL END, not_before = ?, failures = 0, "
                + "error = NULL, worker = NULL, started_at = NULL, finished_at = NULL, dispatched_at = NULL, "
                + "held_on = NULL, continuation = NULL, "
                + "effective_priority = t.priority, "
                + "version = t.version + 1 FROM w WHERE t.run_id = ? AND t.task_id = w.task_id")) {
            ps.setObject(1, runId);
            ps.setTimestamp(2, Sql.ts(now));
            ps.setTimestamp(3, Sql.ts(now));
            ps.setObject(4, runId);
            return ps.executeUpdate();
        }
    }

    private static List<TaskRow> collect(PreparedStatement ps) throws SQLException {
        List<TaskRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(read(rs));
            }
        }
        return rows;
    }

    static TaskRow read(ResultSet rs) throws SQLException {
        return new TaskRow(
                rs.getObject("run_id", UUID.class),
                rs.getString("task_id"),
                rs.getString("kind"),
                rs.getString("params"),
                rs.getInt("priority"),
                Sql.texts(rs, "dependents"),
                Sql.texts(rs, "writes"),
                Sql.texts(rs, "reads"),
                rs.getString("mode"),
                rs.getLong("timeout_ms"),
                new RetryPolicy(rs.getInt("max_attempts"), rs.getLong("backoff_ms"), rs.getDouble("multiplier"),
                        rs.getLong("max_backoff_ms")),
                TaskState.valueOf(rs.getString("state")),
                rs.getInt("attempt"),
                rs.getInt("failures"),
                rs.getString("worker"),
                Sql.instant(rs, "ready_at"),
                rs.getLong("version"),
                rs.getString("continuation"));
    }
}

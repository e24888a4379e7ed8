package dev.genesis.queue.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The statements behind continuations (migration V8): a PENDING task held on its last unfinished
 * dependency ({@code held_on}, with the worker and attempt it was sent ahead under) and that
 * dependency's {@code continuation}. Holding and releasing are scheduling marks: the task stays
 * PENDING, and its version is not bumped, so they never make a state move lose its optimistic race.
 */
@ApplicationScoped
public class HeldTasks {

    /**
     * Ends the subquery a line's walk runs per step, so that the planner cannot merge it into a
     * join: merged, the generic plan scanned every held row of the run at each step (the index on
     * {@code run_id} alone, {@code held_on} as a join filter: ~29 row versions fetched per walk
     * in random-5000, and more the larger the run), where this way each step is one index lookup.
     */
    private static final String BY_INDEX = " OFFSET 0";

    /** A task that could be held: it waits on one dependency only and is not held yet. */
    public record Candidate(TaskRow row, int effectivePriority, long remainingMs, int remainingPath, long seq) {
    }

    /** Of {@code keys}, the tasks that wait on exactly one dependency and are held on none. Not locked. */
    public List<Candidate> candidates(Connection c, Collection<TaskKey> keys) throws SQLException {
        List<Candidate> found = new ArrayList<>();
        if (keys.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TaskStore.COLUMNS
                + ", effective_priority, remaining_ms, remaining_path, seq FROM tasks "
                + "WHERE (run_id, task_id) IN (SELECT * FROM unnest(?::uuid[], ?::text[])) "
                + "AND state = 'PENDING' AND pending_deps = 1 AND held_on IS NULL")) {
            Sql.bindKeys(c, ps, 1, keys);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Candidate(TaskStore.read(rs), rs.getInt("effective_priority"),
                            rs.getLong("remaining_ms"), rs.getInt("remaining_path"), rs.getLong("seq")));
                }
            }
        }
        return found;
    }

    /**
     * For those of {@code keys} that wait on one dependency only and are held on none, that
     * dependency when it is active and has nothing held on it yet. Not locked.
     */
    public List<TaskRow> activeLastDependencies(Connection c, Collection<TaskKey> keys) throws SQLException {
        List<TaskRow> found = new ArrayList<>();
        if (keys.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TaskStore.COLUMNS + " FROM tasks "
                + "WHERE state IN ('DISPATCHED', 'RUNNING') AND continuation IS NULL AND (run_id, task_id) IN ("
                + "SELECT w.run_id, dep FROM tasks w CROSS JOIN LATERAL unnest(w.depends_on) AS dep "
                + "WHERE (w.run_id, w.task_id) IN (SELECT * FROM unnest(?::uuid[], ?::text[])) "
                + "AND w.state = 'PENDING' AND w.pending_deps = 1 AND w.held_on IS NULL)")) {
            Sql.bindKeys(c, ps, 1, keys);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(TaskStore.read(rs));
                }
            }
        }
        return found;
    }

    /**
     * Holds {@code task} on {@code parent}, sent ahead to {@code worker} under its next attempt,
     * and marks the parent; empty (nothing written) when the task no longer qualifies.
     *
     * @return the attempt the task is sent ahead under
     */
    public OptionalInt hold(Connection c, UUID runId, String task, String parent, String worker) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("WITH held AS (UPDATE tasks SET held_on = ?, worker = ?, "
                + "attempt = attempt + 1 WHERE run_id = ? AND task_id = ? AND state = 'PENDING' AND pending_deps = 1 "
                + "AND held_on IS NULL RETURNING attempt), "
                + "marked AS (UPDATE tasks SET continuation = ? WHERE run_id = ? AND task_id = ? "
                + "AND EXISTS (SELECT 1 FROM held)) "
                + "SELECT attempt FROM held")) {
            ps.setString(1, parent);
            ps.setString(2, worker);
            ps.setObject(3, runId);
            ps.setString(4, task);
            ps.setString(5, task);
            ps.setObject(6, runId);
            ps.setString(7, parent);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        }
    }

    /**
     * Holds {@code relays} (task id → the worker it is meant for) on {@code parent} as relays: held
     * like a continuation, but the parent's {@code continuation} keeps naming its line. Those that
     * no longer qualify are left out.
     *
     * @return the attempt each relayed task is sent under, by task id
     */
    public Map<String, Integer> relay(Connection c, UUID runId, String parent, Map<String, String> relays)
            throws SQLException {
        Map<String, Integer> attempts = new HashMap<>();
        if (relays.isEmpty()) {
            return attempts;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE tasks t SET held_on = ?, worker = r.worker, "
                + "attempt = t.attempt + 1 FROM unnest(?::text[], ?::text[]) AS r(task_id, worker) "
                + "WHERE t.run_id = ? AND t.task_id = r.task_id AND t.state = 'PENDING' AND t.pending_deps = 1 "
                + "AND t.held_on IS NULL RETURNING t.task_id, t.attempt")) {
            ps.setString(1, parent);
            ps.setArray(2, c.createArrayOf("text", relays.keySet().toArray()));
            ps.setArray(3, c.createArrayOf("text", relays.values().toArray()));
            ps.setObject(4, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    attempts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return attempts;
    }

    /**
     * Every task held on {@code parent} (its line's first task and its relays), and every task
     * held on those in turn, wait as if never sent ahead; their attempt numbers stay used.
     *
     * @return how many were released
     */
    public int release(Connection c, UUID runId, String parent) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE behind(task_id) AS ("
                + "SELECT task_id FROM tasks WHERE run_id = ? AND held_on = ? AND state = 'PENDING' "
                + "UNION ALL SELECT t.task_id FROM behind b CROSS JOIN LATERAL (SELECT task_id FROM tasks "
                + "WHERE run_id = ? AND held_on = b.task_id AND state = 'PENDING'" + BY_INDEX + ") t) "
                + "UPDATE tasks SET held_on = NULL, worker = NULL, continuation = NULL "
                + "WHERE run_id = ? AND task_id = ANY(ARRAY(SELECT task_id FROM behind))")) {
            ps.setObject(1, runId);
            ps.setString(2, parent);
            ps.setObject(3, runId);
            ps.setObject(4, runId);
            return ps.executeUpdate();
        }
    }

    /** The tasks held behind a task: its line in order (each held on the one before) and its relays. */
    public record Behind(List<TaskRow> line, List<TaskRow> relays) {
    }

    /**
     * The tasks held behind {@code task} (which has a line: its {@code continuation} is set), read
     * with one statement. Not locked: a held task is moved with its version checked, so a cancel
     * that slipped in between makes the transaction fail and be retried rather than lose either.
     */
    public Behind behind(Connection c, UUID runId, String task) throws SQLException {
        List<TaskRow> line = new ArrayList<>();
        List<TaskRow> relays = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE behind(id, next, n) AS ("
                + "SELECT task_id, continuation, 0 FROM tasks WHERE run_id = ? AND task_id = ? "
                + "UNION ALL SELECT t.task_id, t.continuation, b.n + 1 FROM behind b CROSS JOIN LATERAL ("
                + "SELECT task_id, continuation FROM tasks WHERE run_id = ? AND task_id = b.next AND held_on = b.id "
                + "AND state = 'PENDING'" + BY_INDEX + ") t) "
                + "SELECT " + TaskStore.COLUMNS + ", b.n FROM behind b CROSS JOIN LATERAL (SELECT * FROM tasks "
                + "WHERE run_id = ? AND task_id = b.id" + BY_INDEX + ") held WHERE b.n > 0 "
                + "UNION ALL SELECT " + TaskStore.COLUMNS + ", -1 FROM tasks WHERE run_id = ? AND held_on = ? "
                + "AND state = 'PENDING' AND task_id IS DISTINCT FROM (SELECT continuation FROM tasks "
                + "WHERE run_id = ? AND task_id = ?) ORDER BY 22")) {
            ps.setObject(1, runId);
            ps.setString(2, task);
            ps.setObject(3, runId);
            ps.setObject(4, runId);
            ps.setObject(5, runId);
            ps.setString(6, task);
            ps.setObject(7, runId);
            ps.setString(8, task);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    (rs.getInt("n") < 0 ? relays : line).add(TaskStore.read(rs));
                }
            }
        }
        return new Behind(line, relays);
    }

    /** The highest effective priority of a READY task, if any waits. */
    public OptionalInt topReadyPriority(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT effective_priority FROM tasks WHERE state = 'READY' "
                + "ORDER BY effective_priority DESC LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
        }
    }
}

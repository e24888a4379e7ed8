package dev.genesis.queue.store;

import dev.genesis.common.state.TaskState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The task writes of one transaction, held back and sent together: state moves in their order,
 * consecutive moves with the same statement as one JDBC batch, and every dependency release of the
 * transaction as one statement. A batch of a hundred worker reports then costs a few round trips
 * to PostgreSQL instead of three per report.
 *
 * <p>Moves are written with the row's optimistic version; the caller holds the rows locked
 * ({@code FOR UPDATE}, e.g. {@link TaskStore#lockAll}), so a move that finds its row changed is a
 * bug, and {@link #flush} fails the transaction rather than lose it. Releases touch only PENDING
 * rows, which no move of the same transaction touches (reports are for active attempts), so holding
 * them back to the end changes no outcome.
 */
public final class TaskWrites {

    private record Move(String sql, Object[] values, TaskKey key) {
    }

    private final List<Move> moves = new ArrayList<>();
    /** Per dependent, how many of its dependencies succeeded in this transaction. */
    private final Map<TaskKey, Integer> releases = new LinkedHashMap<>();

    /**
     * Queues a move of {@code row} to {@code next} with extra {@code column = ?} assignments, and
     * returns the row as it will be once written (that state and {@code worker}, the next version).
     */
    public TaskRow move(TaskRow row, TaskState next, String worker, String assignments, Object... values) {
        if (!row.state().canMoveTo(next)) {
            throw new IllegalStateException("task " + row.taskId() + " cannot move from " + row.state() + " to " + next);
        }
        String set = assignments == null || assignments.isBlank() ? "" : ", " + assignments;
        Object[] all = new Object[values.length + 4];
        all[0] = next.name();
        System.arraycopy(values, 0, all, 1, values.length);
        all[values.length + 1] = row.runId();
        all[values.length + 2] = row.taskId();
        all[values.length + 3] = row.version();
        moves.add(new Move("UPDATE tasks SET state = ?, version = version + 1" + set
                + " WHERE run_id = ? AND task_id = ? AND version = ?", all, new TaskKey(row.runId(), row.taskId())));
        return row.moved(next, worker);
    }

    /** Counts one more succeeded dependency for each of {@code dependents}. */
    public void release(UUID runId, List<String> dependents) {
        for (String id : dependents) {
            releases.merge(new TaskKey(runId, id), 1, Integer::sum);
        }
    }

    /**
     * What the releases of a flush did: the dependents that became READY (none left waiting), and
     * those now waiting on one dependency only.
     */
    public record Released(List<TaskKey> ready, List<TaskKey> waitingOnOne) {
    }

    /** Writes everything held back and forgets it. */
    public Released flush(Connection c, Instant now) throws SQLException {
        writeMoves(c);
        Released released = writeReleases(c, now);
        moves.clear();
        releases.clear();
        return released;
    }

    private void writeMoves(Connection c) throws SQLException {
        int from = 0;
        while (from < moves.size()) {
            String sql = moves.get(from).sql();
            int to = from;
            while (to < moves.size() && moves.get(to).sql().equals(sql)) {
                to++;
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Move m : moves.subList(from, to)) {
                    for (int i = 0; i < m.values().length; i++) {
                        ps.setObject(i + 1, m.values()[i]);
                    }
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 0) {
                        // The rows are locked FOR UPDATE, so this cannot happen short of a bug: undo it all.
                        throw new SQLException("task " + moves.get(from + i).key() + " changed under its row lock",
                                "40001");
                    }
                }
            }
            from = to;
        }
    }

    /**
     * One statement for all releases: PENDING to READY is the only move here, legal by
     * {@link TaskState#canMoveTo}; the UPDATE's row locks keep concurrent decrements exact.
     */
    private Released writeReleases(Connection c, Instant now) throws SQLException {
        if (releases.isEmpty()) {
            return new Released(List.of(), List.of());
        }
        int n = releases.size();
        UUID[] runs = new UUID[n];
        String[] ids = new String[n];
        Integer[] counts = new Integer[n];
        int i = 0;
        for (Map.Entry<TaskKey, Integer> e : releases.entrySet()) {
            runs[i] = e.getKey().runId();
            ids[i] = e.getKey().taskId();
            counts[i++] = e.getValue();
        }
        List<TaskKey> ready = new ArrayList<>();
        List<TaskKey> waitingOnOne = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE tasks t SET pending_deps = t.pending_deps - d.n, "
                + "version = t.version + 1, "
                + "state = CASE WHEN t.pending_deps <= d.n THEN 'READY' ELSE t.state END, "
                + "ready_at = CASE WHEN t.pending_deps <= d.n THEN ? ELSE t.ready_at END, "
                + "not_before = CASE WHEN t.pending_deps <= d.n THEN ? ELSE t.not_before END "
                + "FROM unnest(?::uuid[], ?::text[], ?::int[]) AS d(run_id, task_id, n) "
                + "WHERE t.run_id = d.run_id AND t.task_id = d.task_id AND t.state = 'PENDING' "
                + "RETURNING t.run_id, t.task_id, t.state, t.pending_deps")) {
            ps.setTimestamp(1, Sql.ts(now));
            ps.setTimestamp(2, Sql.ts(now));
            ps.setArray(3, c.createArrayOf("uuid", runs));
            ps.setArray(4, c.createArrayOf("text", ids));
            ps.setArray(5, c.createArrayOf("int4", counts));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TaskKey key = new TaskKey(rs.getObject(1, UUID.class), rs.getString(2));
                    if ("READY".equals(rs.getString(3))) {
                        ready.add(key);
                    } else if (rs.getInt(4) == 1) {
                        waitingOnOne.add(key);
                    }
                }
            }
        }
        return new Released(ready, waitingOnOne);
    }
}

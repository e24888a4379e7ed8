package dev.genesis.queue.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Deleting finished runs with every task of theirs: what the retention and {@code DELETE
 * /api/runs/{id}} do. A run is locked before its tasks are deleted, the order a retry takes them
 * in, and its tasks go before its row in the same transaction, so no task is ever left without its
 * run. Only terminal runs are deleted: nothing of theirs is dispatched or running.
 */
@ApplicationScoped
public class RunDeletion {

    /** A run chosen for deletion. */
    public record Expired(UUID id, String name, int taskCount) {
    }

    /**
     * Locks the runs that finished before {@code cutoff}, oldest first, at most {@code maxRuns}, and
     * returns the longest prefix of them holding at most {@code maxTasks} tasks (at least one run,
     * however large). Runs another transaction holds (a retry, a delete) are skipped.
     */
    public List<Expired> lockExpired(Connection c, Instant cutoff, int maxRuns, int maxTasks) throws SQLException {
        List<Expired> chosen = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, task_count FROM runs "
                + "WHERE finished_at IS NOT NULL AND finished_at < ? AND state <> 'RUNNING' "
                + "ORDER BY finished_at, id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            ps.setTimestamp(1, Sql.ts(cutoff));
            ps.setInt(2, maxRuns);
            try (ResultSet rs = ps.executeQuery()) {
                long tasks = 0;
                while (rs.next()) {
                    int count = rs.getInt(3);
                    if (!chosen.isEmpty() && tasks + count > maxTasks) {
                        break;
                    }
                    tasks += count;
                    chosen.add(new Expired(rs.getObject(1, UUID.class), rs.getString(2), count));
                }
            }
        }
        return chosen;
    }

    /** Deletes the runs and their tasks; returns how many task rows went. The runs must be locked. */
    public int delete(Connection c, Collection<UUID> runIds) throws SQLException {
        if (runIds.isEmpty()) {
            return 0;
        }
        Array ids = c.createArrayOf("uuid", runIds.toArray());
        int tasks;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM tasks WHERE run_id = ANY(?)")) {
            ps.setArray(1, ids);
            tasks = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM runs WHERE id = ANY(?)")) {
            ps.setArray(1, ids);
            ps.executeUpdate();
        }
        return tasks;
    }
}

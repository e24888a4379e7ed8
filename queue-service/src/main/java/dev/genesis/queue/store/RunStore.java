package dev.genesis.queue.store;

import dev.genesis.common.json.Json;
import dev.genesis.common.spec.RunGraph;
import dev.genesis.common.spec.TaskSpec;
import dev.genesis.common.state.RunState;
import dev.genesis.common.state.TaskState;
import jakarta.enterprise.context.ApplicationScoped;
import org.postgresql.PGConnection;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Runs: storing a validated graph with one COPY, reading views, and versioned run state changes. */
@ApplicationScoped
public class RunStore {

    /** Inserts the run and all its tasks; tasks without dependencies start READY. */
    public void insert(Connection c, UUID id, String name, RunGraph graph, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (id, name, state, created_at, task_count, "
                + "open_tasks) VALUES (?, ?, 'RUNNING', ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, name);
            ps.setTimestamp(3, Sql.ts(now));
            ps.setInt(4, graph.size());
            ps.setInt(5, graph.size());
            ps.executeUpdate();
        }
        StringBuilder csv = new StringBuilder(graph.size() * 160);
        TaskCsv row = new TaskCsv(csv);
        String readyAt = now.toString();
        try {
            for (int i = 0; i < graph.size(); i++) {
                TaskSpec t = graph.task(i);
                List<String> dependents = new ArrayList<>();
                for (int d : graph.dependentsOf(i)) {
                    dependents.add(graph.task(d).id());
                }
                boolean ready = graph.dependencyCount(i) == 0;
                var retry = t.effectiveRetry();
                row.text(id.toString()).text(t.id()).text(t.kind()).text(Json.mapper().writeValueAsString(t.params()))
                        .number(t.effectivePriority()).number(t.effectivePriority()).array(t.dependsOn()).array(dependents)
                        .array(t.resources().writes()).array(t.resources().reads()).text(t.resources().mode().wireName())
                        .number(t.effectiveTimeoutMs()).number(retry.effectiveMaxAttempts())
                        .number(retry.effectiveBackoffMs()).decimal(retry.effectiveMultiplier())
                        .number(retry.effectiveMaxBackoffMs()).number(graph.remainingPath(i))
                        .number(graph.remainingMs(i))
                        .text((ready ? TaskState.READY : TaskState.PENDING).name()).number(graph.dependencyCount(i))
                        .text(ready ? readyAt : null);
                row.endRow();
            }
            // Rows go in submission order, so the seq default numbers them first-come.
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY tasks (run_id, task_id, kind, params, priority, "
                    + "effective_priority, depends_on, dependents, writes, reads, mode, timeout_ms, max_attempts, "
                    + "backoff_ms, multiplier, max_backoff_ms, remaining_path, remaining_ms, state, pending_deps, ready_at) "
                    + "FROM STDIN WITH (FORMAT csv)",
                    new StringReader(csv.toString()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("params are not JSON", e);
        } catch (IOException e) {
            throw new SQLException("COPY of tasks failed", e);
        }
    }

    public Optional<RunRow> lock(Connection c, UUID id) throws SQLException {
        return read(c, id, " FOR UPDATE");
    }

    /** The run as it is now, without locking it (callers that lock its tasks first, as task events do). */
    public Optional<RunRow> find(Connection c, UUID id) throws SQLException {
        return read(c, id, "");
    }

    private Optional<RunRow> read(Connection c, UUID id, String lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, state, open_tasks, cancel_requested, version FROM runs WHERE id = ?" + lock)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RunRow(id, rs.getString(2), RunState.valueOf(rs.getString(3)), rs.getInt(4),
                        rs.getBoolean(5), rs.getLong(6)));
            }
        }
    }

    /** Adds to the count of open (non-terminal) tasks and returns the run afterwards. */
    public RunRow addOpen(Connection c, UUID id, int delta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET open_tasks = open_tasks + ? WHERE id = ? "
                + "RETURNING name, state, open_tasks, cancel_requested, version")) {
            ps.setInt(1, delta);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new RunRow(id, rs.getString(1), RunState.valueOf(rs.getString(2)), rs.getInt(3), rs.getBoolean(4),
                        rs.getLong(5));
            }
        }
    }

    /** The outcome of a run whose tasks are all terminal. */
    public RunState outcome(Connection c, RunRow run) throws SQLException {
        if (run.cancelRequested()) {
            return RunState.CANCELLED;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT bool_and(state = 'SUCCEEDED'), "
                + "bool_or(state = 'CANCELLED') FROM tasks WHERE run_id = ?")) {
            ps.setObject(1, run.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1) ? RunState.SUCCEEDED : rs.getBoolean(2) ? RunState.CANCELLED : RunState.FAILED;
            }
        }
    }

    /** Versioned run state change; false on a lost race. */
    public boolean move(Connection c, RunRow run, RunState next, Instant finishedAt, boolean cancelRequested)
            throws SQLException {
        if (!run.state().canMoveTo(next)) {
            throw new IllegalStateException("run " + run.id() + " cannot move from " + run.state() + " to " + next);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET state = ?, finished_at = ?, "
                + "cancel_requested = ?, version = version + 1 WHERE id = ? AND version = ?")) {
            ps.setString(1, next.name());
            ps.setTimestamp(2, Sql.ts(finishedAt));
            ps.setBoolean(3, cancelRequested);
            ps.setObject(4, run.id());
            ps.setLong(5, run.version());
            return ps.executeUpdate() == 1;
        }
    }

    /** Marks a cancel as asked for: running attempts are told to stop, and the run ends CANCELLED. */
    public void requestCancel(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE runs SET cancel_requested = true, version = version + 1 WHERE id = ?")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        }
    }

    /** The run's progress from its row alone (no task rows read); empty for an unknown id. */
    public Optional<RunProgress> progress(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, state, created_at, finished_at, task_count, open_tasks FROM runs WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int tasks = rs.getInt(5);
                int open = rs.getInt(6);
                return Optional.of(new RunProgress(id, rs.getString(1), RunState.valueOf(rs.getString(2)),
                        Sql.instant(rs, "created_at"), Sql.instant(rs, "finished_at"), tasks, open, tasks - open));
            }
        }
    }

    public Optional<RunView> view(Connection c, UUID id) throws SQLException {
        Optional<RunProgress> row = progress(c, id);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        RunProgress head = row.get();
        RunView run = new RunView(id, head.name(), head.state(), head.createdAt(), head.finishedAt(), new ArrayList<>());
        try (PreparedStatement ps = c.prepareStatement("SELECT task_id, kind, state, priority, attempt, worker, "
                + "depends_on, ready_at, started_at, finished_at, error, effective_priority "
                + "FROM tasks WHERE run_id = ? ORDER BY seq")) {
            ps.setObject(1, id);
            ps.setFetchSize(5_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    run.tasks().add(new TaskView(rs.getString(1), rs.getString(2), TaskState.valueOf(rs.getString(3)),
                            rs.getInt(4), rs.getInt(5), rs.getString(6), Sql.texts(rs, "depends_on"),
                            Sql.instant(rs, "ready_at"), Sql.instant(rs, "started_at"), Sql.instant(rs, "finished_at"),
                            rs.getString(11), rs.getInt(12)));
                }
            }
        }
        return Optional.of(run);
    }

    public RunPage page(Connection c, RunState state, int page, int size) throws SQLException {
        String where = state == null ? "" : " WHERE state = ?";
        long total;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM runs" + where)) {
            if (state != null) {
                ps.setString(1, state.name());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        Map<UUID, RunSummary> items = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, state, created_at, finished_at, task_count "
                + "FROM runs" + where + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")) {
            int k = 1;
            if (state != null) {
                ps.setString(k++, state.name());
            }
            ps.setInt(k++, size);
            ps.setLong(k, (long) page * size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    items.put(id, new RunSummary(id, rs.getString(2), RunState.valueOf(rs.getString(3)),
                            Sql.instant(rs, "created_at"), Sql.instant(rs, "finished_at"), rs.getInt(6),
                            new LinkedHashMap<>()));
                }
            }
        }
        if (!items.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT run_id, state, count(*) FROM tasks "
                    + "WHERE run_id = ANY(?) GROUP BY run_id, state")) {
                ps.setArray(1, c.createArrayOf("uuid", items.keySet().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.get(rs.getObject(1, UUID.class)).counts().put(rs.getString(2), rs.getInt(3));
                    }
                }
            }
        }
        return new RunPage(new ArrayList<>(items.values()), page, size, total);
    }
}

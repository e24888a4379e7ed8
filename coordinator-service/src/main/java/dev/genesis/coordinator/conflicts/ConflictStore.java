package dev.genesis.coordinator.conflicts;

import dev.genesis.coordinator.workspace.Origin;
import dev.genesis.coordinator.workspace.Sha256;
import dev.genesis.coordinator.workspace.WorkspaceStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Conflicts in PostgreSQL; their contents are blobs, like every file version. */
@ApplicationScoped
public class ConflictStore {

    private static final String COLUMNS = """
            id, kind, run_id, task_id, attempt, holder, path, base_version, current_version, created_at,
            base_sha256, ours_sha256, theirs_sha256
            """;

    private final DataSource db;

    public ConflictStore(DataSource db) {
        this.db = db;
    }

    /** Stores the conflicts (in the caller's transaction, if any) and answers their ids in order. */
    @Transactional
    public List<Long> record(Origin origin, List<NewConflict> conflicts) {
        try (Connection c = db.getConnection()) {
            return record(c, origin, conflicts);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store conflicts", e);
        }
    }

    static List<Long> record(Connection c, Origin origin, List<NewConflict> conflicts) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (NewConflict conflict : conflicts) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO conflicts (kind, run_id, task_id, attempt, holder, path, base_version,
                        current_version, base_sha256, ours_sha256, theirs_sha256)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                    """)) {
                ps.setString(1, conflict.kind());
                ps.setString(2, origin.runId());
                ps.setString(3, origin.taskId());
                ps.setObject(4, origin.attempt(), Types.INTEGER);
                ps.setString(5, origin.holder());
                ps.setString(6, conflict.path());
                ps.setObject(7, conflict.baseVersion(), Types.INTEGER);
                ps.setInt(8, conflict.currentVersion());
                ps.setString(9, blob(c, conflict.base()));
                ps.setString(10, blob(c, conflict.ours()));
                ps.setString(11, blob(c, conflict.theirs()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Newest first, optionally of one run only. */
    @Transactional
    public List<Conflict> list(String runId, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM conflicts WHERE (?::text IS NULL OR run_id = ?)"
                + " ORDER BY id DESC LIMIT ?";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, runId);
            ps.setString(2, runId);
            ps.setInt(3, limit);
            List<Conflict> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(conflict(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list conflicts", e);
        }
    }

    @Transactional
    public Optional<ConflictDetail> get(long id) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM conflicts WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(ConflictDetail.of(conflict(rs), bytes(c, rs.getString(11)),
                        bytes(c, rs.getString(12)), bytes(c, rs.getString(13))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read conflict " + id, e);
        }
    }

    private static Conflict conflict(ResultSet rs) throws SQLException {
        return new Conflict(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                (Integer) rs.getObject(5), rs.getString(6), rs.getString(7), (Integer) rs.getObject(8), rs.getInt(9),
                rs.getTimestamp(10).toInstant());
    }

    private static String blob(Connection c, byte[] bytes) throws SQLException {
        if (bytes == null) {
            return null;
        }
        String sha = Sha256.hex(bytes);
        WorkspaceStore.storeBlob(c, sha, bytes);
        return sha;
    }

    private static byte[] bytes(Connection c, String sha) throws SQLException {
        return sha == null ? null : WorkspaceStore.blob(c, sha);
    }
}

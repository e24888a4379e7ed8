package dev.genesis.coordinator.workspace;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Snapshots as maps path → version: taking one copies no bytes, since versions never change.
 * A rollback writes new versions (it never rewrites history), so it can itself be undone.
 */
@ApplicationScoped
public class SnapshotStore {

    private final DataSource db;

    public SnapshotStore(DataSource db) {
        this.db = db;
    }

    @Transactional
    public Snapshot create(String name) {
        try (Connection c = db.getConnection()) {
            long id;
            java.sql.Timestamp created;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO snapshots (name) VALUES (?) RETURNING id, created_at")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                    created = rs.getTimestamp(2);
                }
            }
            int files;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO snapshot_files (snapshot_id, path, version)
                    SELECT ?, f.path, f.version FROM files f
                    JOIN file_versions v ON v.path = f.path AND v.version = f.version
                    WHERE NOT v.deleted
                    """)) {
                ps.setLong(1, id);
                files = ps.executeUpdate();
            }
            return new Snapshot(id, name, created.toInstant(), files);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take snapshot " + name, e);
        }
    }

    @Transactional
    public List<Snapshot> list() {
        String sql = """
                SELECT s.id, s.name, s.created_at, COUNT(sf.path) FROM snapshots s
                LEFT JOIN snapshot_files sf ON sf.snapshot_id = s.id
                GROUP BY s.id ORDER BY s.id DESC
                """;
        List<Snapshot> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Snapshot(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getInt(4)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list snapshots", e);
        }
    }

    /**
     * Makes the workspace equal to the snapshot: changed files get the snapshot's bytes as a new
     * version, files created since are deleted (as a new, deleted version).
     *
     * @return how many paths changed, or empty when there is no such snapshot
     */
    @Transactional
    public Optional<Integer> rollback(long snapshotId) {
        try (Connection c = db.getConnection()) {
            if (!exists(c, snapshotId)) {
                return Optional.empty();
            }
            Map<String, String> wanted = snapshotShas(c, snapshotId);
            TreeSet<String> paths = new TreeSet<>(wanted.keySet());
            paths.addAll(currentPaths(c));
            int changed = 0;
            // Sorted order: two concurrent rollbacks lock the rows in the same order, no deadlock.
            for (String path : paths) {
                int current = WorkspaceStore.lockCurrent(c, path);
                Optional<String> now = liveSha(c, path, current);
                String target = wanted.get(path);
                if (target != null && !now.equals(Optional.of(target))) {
                    WorkspaceStore.addVersion(c, path, current + 1, target, false, "rollback:" + snapshotId);
                    changed++;
                } else if (target == null && now.isPresent()) {
                    WorkspaceStore.addVersion(c, path, current + 1, now.get(), true, "rollback:" + snapshotId);
                    changed++;
                }
            }
            return Optional.of(changed);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot roll back to snapshot " + snapshotId, e);
        }
    }

    /**
     * The difference between two snapshots. A path counts as changed when its bytes differ, not
     * merely its version (a rewrite of the same bytes is no change).
     *
     * @return empty when either snapshot does not exist
     */
    @Transactional
    public Optional<SnapshotDiff> diff(long from, long to) {
        try (Connection c = db.getConnection()) {
            if (!exists(c, from) || !exists(c, to)) {
                return Optional.empty();
            }
            Map<String, StoredVersion> before = snapshotVersions(c, from);
            Map<String, StoredVersion> after = snapshotVersions(c, to);
            List<SnapshotDiff.PathVersion> added = new ArrayList<>();
            List<SnapshotDiff.PathVersion> removed = new ArrayList<>();
            List<SnapshotDiff.ChangedPath> changed = new ArrayList<>();
            TreeSet<String> paths = new TreeSet<>(before.keySet());
            paths.addAll(after.keySet());
            for (String path : paths) {
                StoredVersion was = before.get(path);
                StoredVersion is = after.get(path);
                if (was == null) {
                    added.add(new SnapshotDiff.PathVersion(path, is.version()));
                } else if (is == null) {
                    removed.add(new SnapshotDiff.PathVersion(path, was.version()));
                } else if (!was.sha256().equals(is.sha256())) {
                    changed.add(new SnapshotDiff.ChangedPath(path, was.version(), is.version()));
                }
            }
            return Optional.of(new SnapshotDiff(from, to, added, removed, changed));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot compare snapshots " + from + " and " + to, e);
        }
    }

    private static Map<String, StoredVersion> snapshotVersions(Connection c, long id) throws SQLException {
        Map<String, StoredVersion> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT sf.path, sf.version, v.sha256 FROM snapshot_files sf
                JOIN file_versions v ON v.path = sf.path AND v.version = sf.version
                WHERE sf.snapshot_id = ?
                """)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new StoredVersion(rs.getString(1), rs.getInt(2), rs.getString(3), false));
                }
            }
        }
        return out;
    }

    private static boolean exists(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM snapshots WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Map<String, String> snapshotShas(Connection c, long id) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT sf.path, v.sha256 FROM snapshot_files sf
                JOIN file_versions v ON v.path = sf.path AND v.version = sf.version
                WHERE sf.snapshot_id = ?
                """)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private static List<String> currentPaths(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT path FROM files WHERE version > 0");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The hash of the current version, empty when the path does not exist or is deleted. */
    private static Optional<String> liveSha(Connection c, String path, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sha256 FROM file_versions WHERE path = ? AND version = ? AND NOT deleted")) {
            ps.setString(1, path);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}

package dev.genesis.coordinator.workspace;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Snapshots as points in the workspace's history: a snapshot records the head's number (every
 * version is numbered in commit order, {@link VersionWriter}) and holds, per path, the
 * newest version numbered at or below it. Taking one writes one row, whatever the workspace's
 * size. A rollback writes new versions (it never rewrites history), so it can itself be undone.
 * Snapshots taken before migration V4 have no number; their versions stay listed in
 * {@code snapshot_files}.
 */
@ApplicationScoped
public class SnapshotStore {

    /** Most snapshots one listing returns. */
    public static final int MAX_PAGE = 1000;

    private final DataSource db;

    public SnapshotStore(DataSource db) {
        this.db = db;
    }

    /**
     * Captures the workspace as it is. Inside a transaction that writes files, call it after
     * locking the paths and before the first write: it locks the head, so it also waits for a
     * writer in flight and captures the workspace right before this transaction's writes.
     */
    @Transactional
    public Snapshot create(String name) {
        try (Connection c = db.getConnection()) {
            long seq;
            int files;
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, live_files FROM workspace_head FOR UPDATE");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                seq = rs.getLong(1);
                files = rs.getInt(2);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO snapshots (name, seq, files) VALUES (?, ?, ?) RETURNING id, created_at")) {
                ps.setString(1, name);
                ps.setLong(2, seq);
                ps.setInt(3, files);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Snapshot(rs.getLong(1), name, rs.getTimestamp(2).toInstant(), files);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take snapshot " + name, e);
        }
    }

    /** One snapshot; empty when there is no such snapshot. */
    @Transactional
    public Optional<Snapshot> find(long id) {
        List<Snapshot> found = query("SELECT id, name, created_at, files FROM snapshots WHERE id = ?", id);
        return found.stream().findFirst();
    }

    /** Up to {@code limit} snapshots, newest first, only those older than {@code before} when it is given. */
    @Transactional
    public List<Snapshot> list(int limit, Long before) {
        return query("""
                SELECT id, name, created_at, files FROM snapshots
                WHERE id < ? ORDER BY id DESC LIMIT ?
                """, before == null ? Long.MAX_VALUE : before, limit);
    }

    private List<Snapshot> query(String sql, Object... params) {
        List<Snapshot> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Snapshot(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getInt(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read snapshots", e);
        }
    }

    /**
     * Makes the workspace equal to the snapshot: changed files get the snapshot's bytes as a new
     * version, files created since are deleted (as a new, deleted version). Only the paths written
     * since the snapshot are looked at; a write that commits while the rollback runs, to a path
     * it does not lock, stays.
     *
     * @return how many paths changed, or empty when there is no such snapshot
     */
    @Transactional
    public Optional<Integer> rollback(long snapshotId) {
        try (Connection c = db.getConnection()) {
            Optional<Taken> found = taken(c, snapshotId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Taken snapshot = found.get();
            TreeSet<String> paths = new TreeSet<>();
            Map<String, StoredVersion> wanted;
            if (snapshot.seq() != null) {
                paths.addAll(pathsWritten(c, snapshot.seq(), Long.MAX_VALUE));
                wanted = contents(c, snapshot, paths);
            } else {
                wanted = contents(c, snapshot, null);
                paths.addAll(wanted.keySet());
                paths.addAll(currentPaths(c));
            }
            // Every row first, in sorted order (two rollbacks lock alike, no deadlock), then the
            // writes, which take the head: paths before head, as every writer does.
            Map<String, Integer> current = new HashMap<>();
            for (String path : paths) {
                current.put(path, WorkspaceStore.lockCurrent(c, path));
            }
            VersionWriter versions = VersionWriter.open(c);
            int changed = 0;
            for (String path : paths) {
                int version = current.get(path);
                Optional<String> now = liveSha(c, path, version);
                StoredVersion want = wanted.get(path);
                String target = want == null ? null : want.sha256();
                if (target != null && !now.equals(Optional.of(target))) {
                    versions.write(path, version + 1, target, false, "rollback:" + snapshotId);
                    changed++;
                } else if (target == null && now.isPresent()) {
                    versions.write(path, version + 1, now.get(), true, "rollback:" + snapshotId);
                    changed++;
                }
            }
            versions.finish();
            return Optional.of(changed);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot roll back to snapshot " + snapshotId, e);
        }
    }

    /**
     * The difference between two snapshots. A path counts as changed when its bytes differ, not
     * merely its version (a rewrite of the same bytes is no change). Only the paths written
     * between the two are compared.
     *
     * @return empty when either snapshot does not exist
     */
    @Transactional
    public Optional<SnapshotDiff> diff(long from, long to) {
        try (Connection c = db.getConnection()) {
            Optional<Taken> a = taken(c, from);
            Optional<Taken> b = taken(c, to);
            if (a.isEmpty() || b.isEmpty()) {
                return Optional.empty();
            }
            Set<String> paths = null;
            if (a.get().seq() != null && b.get().seq() != null) {
                long lo = Math.min(a.get().seq(), b.get().seq());
                long hi = Math.max(a.get().seq(), b.get().seq());
                paths = pathsWritten(c, lo, hi);
            }
            Map<String, StoredVersion> before = contents(c, a.get(), paths);
            Map<String, StoredVersion> after = contents(c, b.get(), paths);
            List<SnapshotDiff.PathVersion> added = new ArrayList<>();
            List<SnapshotDiff.PathVersion> removed = new ArrayList<>();
            List<SnapshotDiff.ChangedPath> changed = new ArrayList<>();
            TreeSet<String> all = new TreeSet<>(before.keySet());
            all.addAll(after.keySet());
            for (String path : all) {
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

    /** A snapshot's number; null for one taken before numbering (V4), read from {@code snapshot_files}. */
    private record Taken(long id, Long seq) {
    }

    private static Optional<Taken> taken(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM snapshots WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Taken(id, rs.getObject(1, Long.class))) : Optional.empty();
            }
        }
    }

    /** The paths that have a version numbered above {@code after} and at most {@code upTo}. */
    private static Set<String> pathsWritten(Connection c, long after, long upTo) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT path FROM file_versions WHERE seq > ? AND seq <= ?")) {
            ps.setLong(1, after);
            ps.setLong(2, upTo);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * The live files of a snapshot by path, among {@code paths} (every path when null): per path
     * the newest version numbered at or below the snapshot's, unless it is a deletion.
     */
    private static Map<String, StoredVersion> contents(Connection c, Taken snapshot, Collection<String> paths)
            throws SQLException {
        String sql;
        if (snapshot.seq() != null) {
            sql = """
                    SELECT p.path, v.version, v.sha256 FROM %s
                    CROSS JOIN LATERAL (
                        SELECT version, sha256, deleted FROM file_versions fv
                        WHERE fv.path = p.path AND fv.seq <= ? ORDER BY fv.version DESC LIMIT 1) v
                    WHERE NOT v.deleted
                    """.formatted(paths == null ? "files p" : "unnest(?::text[]) AS p(path)");
        } else {
            sql = """
                    SELECT sf.path, sf.version, v.sha256 FROM snapshot_files sf
                    JOIN file_versions v ON v.path = sf.path AND v.version = sf.version
                    WHERE sf.snapshot_id = ? %s
                    """.formatted(paths == null ? "" : "AND sf.path = ANY(?::text[])");
        }
        Map<String, StoredVersion> out = new HashMap<>();
        if (paths != null && paths.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (snapshot.seq() != null) {
                if (paths != null) {
                    ps.setArray(i++, c.createArrayOf("text", paths.toArray()));
                }
                ps.setLong(i, snapshot.seq());
            } else {
                ps.setLong(i++, snapshot.id());
                if (paths != null) {
                    ps.setArray(i, c.createArrayOf("text", paths.toArray()));
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new StoredVersion(rs.getString(1), rs.getInt(2), rs.getString(3), false));
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
        return WorkspaceStore.version(c, path, version).map(StoredVersion::liveSha);
    }
}

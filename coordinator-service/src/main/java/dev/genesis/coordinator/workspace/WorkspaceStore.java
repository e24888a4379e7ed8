package dev.genesis.coordinator.workspace;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Versioned, content-addressed files in PostgreSQL. Versions are immutable; the {@code files} row
 * of a path holds its current version and its row lock orders concurrent writers of that path.
 * Every version is numbered by the workspace's head in commit order ({@link VersionWriter}),
 * which is what a snapshot records ({@link SnapshotStore}).
 */
@ApplicationScoped
public class WorkspaceStore {

    private final DataSource db;

    public WorkspaceStore(DataSource db) {
        this.db = db;
    }

    /**
     * Stores the bytes as the next version of the path.
     *
     * @param expectedVersion the version the writer based its edit on (0 = must not exist yet), or null
     * @throws VersionMismatchException when {@code expectedVersion} is not the current one
     */
    @Transactional
    public FileEntry put(String path, byte[] bytes, String holder, Integer expectedVersion) {
        String sha = Sha256.hex(bytes);
        try (Connection c = db.getConnection()) {
            storeBlob(c, sha, bytes);
            int current = lockCurrent(c, path);
            if (expectedVersion != null && expectedVersion != current) {
                throw new VersionMismatchException(path, expectedVersion, current);
            }
            int next = current + 1;
            VersionWriter versions = VersionWriter.open(c);
            versions.write(path, next, sha, false, holder);
            versions.finish();
            return new FileEntry(path, next, bytes.length, sha);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store " + path, e);
        }
    }

    /** A version of a file (the current one when {@code version} is null); empty if absent or deleted. */
    @Transactional
    public Optional<FileContent> get(String path, Integer version) {
        String sql = """
                SELECT v.version, v.sha256, b.bytes FROM file_versions v JOIN blobs b ON b.sha256 = v.sha256
                WHERE v.path = ? AND NOT v.deleted
                  AND v.version = COALESCE(?, (SELECT f.version FROM files f WHERE f.path = v.path))
                """;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, path);
            ps.setObject(2, version, java.sql.Types.INTEGER);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new FileContent(path, rs.getInt(1), rs.getString(2), rs.getBytes(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /** Every existing file at its current version, by path. */
    public List<FileEntry> list() {
        return list("");
    }

    /** Every existing file whose path starts with {@code prefix}, at its current version, by path. */
    @Transactional
    public List<FileEntry> list(String prefix) {
        String sql = """
                SELECT f.path, f.version, b.size, b.sha256 FROM files f
                JOIN file_versions v ON v.path = f.path AND v.version = f.version
                JOIN blobs b ON b.sha256 = v.sha256
                WHERE NOT v.deleted AND starts_with(f.path, ?) ORDER BY f.path
                """;
        List<FileEntry> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FileEntry(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the workspace", e);
        }
    }

    /** One version of a path as stored (deleted or not); empty when the version does not exist. */
    public static Optional<StoredVersion> version(Connection c, String path, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sha256, deleted FROM file_versions WHERE path = ? AND version = ?")) {
            ps.setString(1, path);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredVersion(path, version, rs.getString(1), rs.getBoolean(2)))
                        : Optional.empty();
            }
        }
    }

    /** The bytes of a stored blob. */
    public static byte[] blob(Connection c, String sha) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT bytes FROM blobs WHERE sha256 = ?")) {
            ps.setString(1, sha);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("blob " + sha + " is missing");
                }
                return rs.getBytes(1);
            }
        }
    }

    public static void storeBlob(Connection c, String sha, byte[] bytes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO blobs (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING")) {
            ps.setString(1, sha);
            ps.setLong(2, bytes.length);
            ps.setBytes(3, bytes);
            ps.executeUpdate();
        }
    }

    /** The current version of a path (0 if never written), row-locked until the transaction ends. */
    public static int lockCurrent(Connection c, String path) throws SQLException {
        // Insert first so that two first writers of a new path also queue on one row.
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO files (path, version) VALUES (?, 0) ON CONFLICT (path) DO NOTHING")) {
            ps.setString(1, path);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM files WHERE path = ? FOR UPDATE")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}

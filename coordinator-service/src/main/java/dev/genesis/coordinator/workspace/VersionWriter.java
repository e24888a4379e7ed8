package dev.genesis.coordinator.workspace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Writes the new versions of one transaction, all numbered alike by a single advance of the
 * workspace head ({@code workspace_head.seq}), whose row lock the transaction then holds until it
 * ends: numbers are given in commit order, and every number up to the committed head belongs to
 * committed versions ({@link SnapshotStore}). Open it after locking every path the transaction
 * writes ({@link WorkspaceStore#lockCurrent}), so that locks are always taken paths first, head
 * last; {@link #finish} keeps the head's count of live files.
 */
public final class VersionWriter {

    private final Connection c;
    private final long seq;
    private int liveDelta;

    private VersionWriter(Connection c, long seq) {
        this.c = c;
        this.seq = seq;
    }

    /** Advances the head and locks it until the transaction ends. */
    public static VersionWriter open(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE workspace_head SET seq = seq + 1 RETURNING seq");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new VersionWriter(c, rs.getLong(1));
        }
    }

    /** Writes {@code version} (the current version + 1) of a path and makes it current. */
    public void write(String path, int version, String sha, boolean deleted, String holder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO file_versions (path, version, sha256, deleted, holder, seq) VALUES (?, ?, ?, ?, ?, ?)
                RETURNING (SELECT COUNT(*) FROM file_versions WHERE path = ? AND version = ? AND NOT deleted)
                """)) {
            ps.setString(1, path);
            ps.setInt(2, version);
            ps.setString(3, sha);
            ps.setBoolean(4, deleted);
            ps.setString(5, holder);
            ps.setLong(6, seq);
            ps.setString(7, path);
            ps.setInt(8, version - 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                liveDelta += (deleted ? 0 : 1) - rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE files SET version = ? WHERE path = ?")) {
            ps.setInt(1, version);
            ps.setString(2, path);
            ps.executeUpdate();
        }
    }

    /** Adds what the writes changed to the head's count of live files. */
    public void finish() throws SQLException {
        if (liveDelta != 0) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE workspace_head SET live_files = live_files + ?")) {
                ps.setInt(1, liveDelta);
                ps.executeUpdate();
            }
            liveDelta = 0;
        }
    }
}

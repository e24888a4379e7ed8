package dev.genesis.coordinator.changesets;

import dev.genesis.coordinator.conflicts.ConflictStore;
import dev.genesis.coordinator.conflicts.NewConflict;
import dev.genesis.coordinator.workspace.Origin;
import dev.genesis.coordinator.workspace.SnapshotStore;
import dev.genesis.coordinator.workspace.StoredVersion;
import dev.genesis.coordinator.workspace.VersionWriter;
import dev.genesis.coordinator.workspace.WorkspaceStore;
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
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Undoes a run: every file its changesets wrote goes back to its version before the run's first
 * write to it, as a new version (history is kept, so the rollback itself can be undone). A file
 * that somebody outside the run changed after the run's first write is not touched: restoring it
 * would silently drop that change, so it is reported as a conflict instead.
 */
@ApplicationScoped
public class RunRollback {

    private final DataSource db;
    private final SnapshotStore snapshots;
    private final ConflictStore conflicts;

    public RunRollback(DataSource db, SnapshotStore snapshots, ConflictStore conflicts) {
        this.db = db;
        this.snapshots = snapshots;
        this.conflicts = conflicts;
    }

    /** @return empty when the run committed no changeset */
    @Transactional
    public Optional<RunRollbackResult> rollback(String runId) {
        try (Connection c = db.getConnection()) {
            TreeMap<String, SortedSet<Integer>> written = versionsWrittenBy(c, runId);
            if (written.isEmpty()) {
                return Optional.empty();
            }
            // Every row first, in sorted order (concurrent writers lock alike, no deadlock), then the
            // snapshot and the writes, which take the head: paths before head, as every writer does.
            Map<String, Integer> currents = new HashMap<>();
            for (String path : written.keySet()) {
                currents.put(path, WorkspaceStore.lockCurrent(c, path));
            }
            long snapshotId = snapshots.create("before rollback of run " + runId).id();
            String holder = "rollback:run:" + runId;
            List<ChangesetResult.CommittedFile> restored = new ArrayList<>();
            List<NewConflict> found = new ArrayList<>();
            VersionWriter versions = VersionWriter.open(c);
            for (var entry : written.entrySet()) {
                String path = entry.getKey();
                SortedSet<Integer> ours = entry.getValue();
                int current = currents.get(path);
                int before = ours.first() - 1;
                String target = liveSha(c, path, before);
                String now = liveSha(c, path, current);
                if (!onlyOurs(ours, before, current)) {
                    found.add(new NewConflict("rollback", path, ours.last(), current, bytes(c, liveSha(c, path,
                            ours.last())), bytes(c, target), bytes(c, now)));
                } else if (Objects.equals(target, now)) {
                    restored.add(new ChangesetResult.CommittedFile(path, current, false));
                } else {
                    versions.write(path, current + 1, target == null ? now : target, target == null, holder);
                    restored.add(new ChangesetResult.CommittedFile(path, current + 1, false));
                }
            }
            versions.finish();
            List<ConflictProblem.ConflictRef> refs = new ArrayList<>();
            List<Long> ids = conflicts.record(new Origin(runId, null, null, holder), found);
            for (int i = 0; i < found.size(); i++) {
                NewConflict conflict = found.get(i);
                refs.add(new ConflictProblem.ConflictRef(ids.get(i), conflict.path(), conflict.baseVersion(),
                        conflict.currentVersion()));
            }
            return Optional.of(new RunRollbackResult(runId, snapshotId, restored, refs));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot roll back run " + runId, e);
        }
    }

    /** Whether every version after {@code before} up to {@code current} was written by the run. */
    private static boolean onlyOurs(SortedSet<Integer> ours, int before, int current) {
        for (int v = before + 1; v <= current; v++) {
            if (!ours.contains(v)) {
                return false;
            }
        }
        return true;
    }

    private static TreeMap<String, SortedSet<Integer>> versionsWrittenBy(Connection c, String runId)
            throws SQLException {
        TreeMap<String, SortedSet<Integer>> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT f.path, f.version FROM changeset_files f JOIN changesets s ON s.id = f.changeset_id
                WHERE s.run_id = ?
                """)) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), p -> new TreeSet<>()).add(rs.getInt(2));
                }
            }
        }
        return out;
    }

    /** The hash of a version's content; null when absent (version 0) or deleted. */
    private static String liveSha(Connection c, String path, int version) throws SQLException {
        return version == 0 ? null
                : WorkspaceStore.version(c, path, version).map(StoredVersion::liveSha).orElse(null);
    }

    private static byte[] bytes(Connection c, String sha) throws SQLException {
        return sha == null ? null : WorkspaceStore.blob(c, sha);
    }
}

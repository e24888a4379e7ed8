package dev.genesis.coordinator.changesets;

import dev.genesis.coordinator.conflicts.NewConflict;
import dev.genesis.coordinator.workspace.Snapshot;
import dev.genesis.coordinator.workspace.SnapshotStore;
import dev.genesis.coordinator.workspace.VersionWriter;
import dev.genesis.coordinator.workspace.WorkspaceStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Lands a changeset in one transaction: lock the rows of its paths (in path order), run the fence,
 * plan every file, and only when no file conflicts take a snapshot and write the new versions.
 * A conflict throws {@link ConflictsFound}, which rolls everything back.
 */
@ApplicationScoped
public class ChangesetStore {

    private final DataSource db;
    private final SnapshotStore snapshots;

    public ChangesetStore(DataSource db, SnapshotStore snapshots) {
        this.db = db;
        this.snapshots = snapshots;
    }

    /**
     * @param fence runs once the rows are locked, so that no other commit of these paths can slip in
     *              between the check and the writes; it throws to refuse the changeset
     */
    @Transactional
    public ChangesetResult commit(Changeset changeset, Consumer<Changeset> fence) {
        try (Connection c = db.getConnection()) {
            Map<String, Integer> current = new LinkedHashMap<>();
            for (FileEdit edit : changeset.files()) {
                current.put(edit.path(), WorkspaceStore.lockCurrent(c, edit.path()));
            }
            fence.accept(changeset);
            List<Plan> plans = new ArrayList<>();
            List<NewConflict> conflicts = new ArrayList<>();
            for (FileEdit edit : changeset.files()) {
                Plan plan = EditPlanner.plan(c, changeset.mode(), edit, current.get(edit.path()));
                plans.add(plan);
                if (plan instanceof Plan.Clash clash) {
                    conflicts.add(clash.conflict());
                }
            }
            if (!conflicts.isEmpty()) {
                throw new ConflictsFound(conflicts);
            }
            // The bytes first: the snapshot below locks the workspace head until the commit.
            for (Plan plan : plans) {
                if (plan instanceof Plan.Write write && !write.deleted()) {
                    WorkspaceStore.storeBlob(c, write.sha256(), write.bytes());
                }
            }
            Snapshot snapshot = snapshots.create("before " + changeset.mode().label() + " "
                    + changeset.origin().label());
            long id = insertChangeset(c, changeset, snapshot.id());
            Map<String, Integer> bases = new LinkedHashMap<>();
            changeset.files().forEach(f -> bases.put(f.path(), f.baseVersion()));
            List<ChangesetResult.CommittedFile> files = new ArrayList<>();
            VersionWriter versions = VersionWriter.open(c);
            for (Plan plan : plans) {
                files.add(apply(c, versions, id, changeset, plan, current, bases));
            }
            versions.finish();
            return new ChangesetResult(id, snapshot.id(), files);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot commit changeset of " + changeset.origin().label(), e);
        }
    }

    private static ChangesetResult.CommittedFile apply(Connection c, VersionWriter versions, long changesetId,
            Changeset changeset, Plan plan, Map<String, Integer> current, Map<String, Integer> bases)
            throws SQLException {
        if (plan instanceof Plan.Keep keep) {
            return new ChangesetResult.CommittedFile(keep.path(), current.get(keep.path()), keep.merged());
        }
        Plan.Write write = (Plan.Write) plan;
        int version = current.get(write.path()) + 1;
        versions.write(write.path(), version, write.sha256(), write.deleted(), changeset.origin().holder());
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO changeset_files (changeset_id, path, base_version, version, merged, deleted)
                VALUES (?, ?, ?, ?, ?, ?)
                """)) {
            ps.setLong(1, changesetId);
            ps.setString(2, write.path());
            int base = bases.get(write.path());
            ps.setObject(3, base == 0 ? null : base, Types.INTEGER);
            ps.setInt(4, version);
            ps.setBoolean(5, write.merged());
            ps.setBoolean(6, write.deleted());
            ps.executeUpdate();
        }
        return new ChangesetResult.CommittedFile(write.path(), version, write.merged());
    }

    private static long insertChangeset(Connection c, Changeset changeset, long snapshotId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO changesets (run_id, task_id, attempt, holder, mode, snapshot_id)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id
                """)) {
            ps.setString(1, changeset.origin().runId());
            ps.setString(2, changeset.origin().taskId());
            ps.setObject(3, changeset.origin().attempt(), Types.INTEGER);
            ps.setString(4, changeset.origin().holder());
            ps.setString(5, changeset.mode().label());
            ps.setLong(6, snapshotId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

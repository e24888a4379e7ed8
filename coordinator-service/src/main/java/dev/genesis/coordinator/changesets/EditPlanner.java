package dev.genesis.coordinator.changesets;

import dev.genesis.common.api.FieldError;
import dev.genesis.coordinator.api.ProblemException;
import dev.genesis.coordinator.conflicts.NewConflict;
import dev.genesis.coordinator.merge.ThreeWayMerge;
import dev.genesis.coordinator.workspace.Sha256;
import dev.genesis.coordinator.workspace.StoredVersion;
import dev.genesis.coordinator.workspace.WorkspaceStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides per file how an edit lands on the current version. Nothing is ever silently
 * overwritten: a stale base either merges cleanly or becomes a conflict.
 */
final class EditPlanner {

    private EditPlanner() {
    }

    static Plan plan(Connection c, CommitMode mode, FileEdit edit, int current) throws SQLException {
        String path = edit.path();
        Optional<StoredVersion> now = current == 0 ? Optional.empty() : WorkspaceStore.version(c, path, current);
        String nowSha = now.map(StoredVersion::liveSha).orElse(null);
        if (mode == CommitMode.IMPORT || edit.baseVersion() == current) {
            return direct(edit, nowSha, false);
        }
        if (edit.baseVersion() > current) {
            throw ProblemException.badRequest("baseVersion is newer than the file",
                    List.of(new FieldError("baseVersion", path + " is at version " + current + ", not "
                            + edit.baseVersion())));
        }
        byte[] base = liveBytes(c, path, edit.baseVersion());
        byte[] ours = edit.content();
        byte[] theirs = nowSha == null ? null : WorkspaceStore.blob(c, nowSha);
        if (mode == CommitMode.LOCK) {
            return clash("lock", edit, current, base, theirs);
        }
        if (same(ours, theirs) || same(base, theirs)) {
            // Both sides made the same change, or the newer versions did not change the content.
            return direct(edit, nowSha, true);
        }
        if (same(base, ours)) {
            return new Plan.Keep(path, true);
        }
        if (base == null || ours == null || theirs == null) {
            // A creation or deletion against a change of the other side: no line merge can say who is right.
            return clash("merge", edit, current, base, theirs);
        }
        byte[] finalBase = base;
        return ThreeWayMerge.merge(base, ours, theirs)
                .<Plan>map(merged -> new Plan.Write(path, Sha256.hex(merged), merged, true))
                .orElseGet(() -> clash("merge", edit, current, finalBase, theirs));
    }

    private static Plan direct(FileEdit edit, String nowSha, boolean merged) {
        if (!edit.deleted()) {
            return new Plan.Write(edit.path(), Sha256.hex(edit.content()), edit.content(), merged);
        }
        return nowSha == null ? new Plan.Keep(edit.path(), merged) : new Plan.Write(edit.path(), nowSha, null, merged);
    }

    private static Plan clash(String kind, FileEdit edit, int current, byte[] base, byte[] theirs) {
        Integer baseVersion = edit.baseVersion() == 0 ? null : edit.baseVersion();
        return new Plan.Clash(new NewConflict(kind, edit.path(), baseVersion, current, base, edit.content(), theirs));
    }

    private static byte[] liveBytes(Connection c, String path, int version) throws SQLException {
        if (version == 0) {
            return null;
        }
        Optional<StoredVersion> stored = WorkspaceStore.version(c, path, version);
        return stored.isEmpty() || stored.get().deleted() ? null : WorkspaceStore.blob(c, stored.get().sha256());
    }

    private static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}

package dev.genesis.worker.workspace;

import dev.genesis.common.spec.Resources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * One attempt's view of the workspace: fetches its files into the scratch folder before the
 * task runs and commits what it changed under its writes as one changeset after a success,
 * fenced by the lease that covers its writes at commit time.
 */
public final class WorkspaceSession {

    /** Who commits: the attempt, named as its locks' holder. */
    public record Holder(UUID runId, String taskId, int attempt, String holder) {
    }

    private final WorkspaceClient client;
    private final Holder holder;
    private final Resources resources;
    private volatile Path folder;
    private volatile Baseline baseline;

    public WorkspaceSession(WorkspaceClient client, Holder holder, Resources resources) {
        this.client = client;
        this.holder = holder;
        this.resources = resources;
    }

    /** Brings {@code paths} (files, or folders ending in '/') into {@code scratch}; nothing to do when empty. */
    public void fetch(Collection<String> paths, Path scratch) throws IOException, InterruptedException {
        if (paths.isEmpty()) {
            return;
        }
        baseline = new ScratchMaterializer(client).materialize(paths, scratch);
        folder = scratch;
    }

    /** Whether a commit would send anything: something was fetched and changed under the writes. */
    public boolean hasChanges() throws IOException {
        return folder != null && !ChangeDetector.changes(folder, resources.writes(), baseline).isEmpty();
    }

    /**
     * Commits the changes under the writes, fenced by {@code leaseId}/{@code token} (a lease whose
     * write locks cover them); {@link CommitResult#NOTHING} when nothing was fetched or changed.
     */
    public CommitResult commit(String leaseId, long token) throws InterruptedException {
        if (folder == null) {
            return CommitResult.NOTHING;
        }
        List<FileChange> changes;
        try {
            changes = ChangeDetector.changes(folder, resources.writes(), baseline);
        } catch (IOException e) {
            return new CommitResult.Rejected("cannot read the task's changes: " + e.getMessage(), true);
        }
        if (changes.isEmpty()) {
            return CommitResult.NOTHING;
        }
        return client.commit(new Changeset(holder.runId(), holder.taskId(), holder.attempt(), holder.holder(),
                leaseId, token, resources.mode(), changes));
    }
}

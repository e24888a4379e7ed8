package dev.genesis.coordinator.changesets;

import dev.genesis.common.api.Problem;
import dev.genesis.coordinator.api.ProblemException;
import dev.genesis.coordinator.api.ProblemTypes;
import dev.genesis.coordinator.conflicts.ConflictStore;
import dev.genesis.coordinator.conflicts.NewConflict;
import dev.genesis.coordinator.metrics.CoordinatorMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Commits changesets; when one conflicts, its transaction is rolled back first and the conflicts
 * are then stored in a transaction of their own, so that they survive although nothing landed.
 */
@ApplicationScoped
public class ChangesetService {

    private final ChangesetStore store;
    private final ConflictStore conflicts;
    private final LeaseFence fence;
    private final CoordinatorMetrics metrics;

    public ChangesetService(ChangesetStore store, ConflictStore conflicts, LeaseFence fence, CoordinatorMetrics metrics) {
        this.store = store;
        this.conflicts = conflicts;
        this.fence = fence;
        this.metrics = metrics;
    }

    /** A task's changeset, fenced by its lease. */
    public ChangesetResult commit(Changeset changeset) {
        return commit(changeset, fence::verify);
    }

    /** An operator's changeset (an import), which holds no lease. */
    public ChangesetResult commitUnfenced(Changeset changeset) {
        return commit(changeset, unfenced -> { });
    }

    private ChangesetResult commit(Changeset changeset, Consumer<Changeset> check) {
        try {
            ChangesetResult result = store.commit(changeset, check);
            metrics.changesetCommitted();
            return result;
        } catch (ConflictsFound e) {
            metrics.conflict(changeset.mode());
            throw conflictProblem(changeset, e.conflicts());
        }
    }

    private ProblemException conflictProblem(Changeset changeset, List<NewConflict> found) {
        List<Long> ids = conflicts.record(changeset.origin(), found);
        List<ConflictProblem.ConflictRef> refs = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            NewConflict c = found.get(i);
            refs.add(new ConflictProblem.ConflictRef(ids.get(i), c.path(), c.baseVersion(), c.currentVersion()));
        }
        String detail = "nothing of the changeset of " + changeset.origin().label() + " landed: "
                + found.size() + " file(s) changed since their base in ways that cannot be merged: "
                + found.stream().map(NewConflict::path).toList();
        Problem problem = new Problem(ProblemTypes.MERGE_CONFLICT, "Merge conflict", 409, detail, List.of());
        return new ProblemException(problem,
                new ConflictProblem(problem.type(), problem.title(), 409, detail, refs));
    }
}

package dev.genesis.coordinator.changesets;

import dev.genesis.coordinator.conflicts.NewConflict;
import java.util.List;

/** Thrown inside the commit transaction so that nothing of the changeset lands. */
public class ConflictsFound extends RuntimeException {

    private final transient List<NewConflict> conflicts;

    public ConflictsFound(List<NewConflict> conflicts) {
        super(conflicts.size() + " conflicting file(s)", null, false, false);
        this.conflicts = List.copyOf(conflicts);
    }

    public List<NewConflict> conflicts() {
        return conflicts;
    }
}

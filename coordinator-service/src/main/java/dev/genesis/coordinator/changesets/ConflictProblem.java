package dev.genesis.coordinator.changesets;

import java.util.List;

/** The RFC 9457 problem of a rejected changeset, with the {@code conflicts} extension member. */
public record ConflictProblem(String type, String title, int status, String detail, List<ConflictRef> conflicts) {

    /** One file that could not land; {@code conflictId} leads to its texts at {@code /api/conflicts/{id}}. */
    public record ConflictRef(long conflictId, String path, Integer baseVersion, int currentVersion) {
    }
}

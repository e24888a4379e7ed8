package dev.genesis.coordinator.api;

/** The {@code type} URIs of the coordinator's own problems, so that clients can branch on them. */
public final class ProblemTypes {

    private static final String BASE = "https://genesis.dev/problems/";

    /** Edits that could not be merged; nothing of the changeset landed. */
    public static final String MERGE_CONFLICT = BASE + "merge-conflict";
    /** The writer's lease is gone or a newer grant covers a path: its writes must not land. */
    public static final String STALE_TOKEN = BASE + "stale-token";
    /** A path outside the writes of the writer's lease. */
    public static final String OUTSIDE_WRITES = BASE + "outside-writes";

    private ProblemTypes() {
    }
}

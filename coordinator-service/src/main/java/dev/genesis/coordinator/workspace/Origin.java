package dev.genesis.coordinator.workspace;

/** Who wrote a changeset (or hit a conflict): a task attempt, or an operator action such as an import. */
public record Origin(String runId, String taskId, Integer attempt, String holder) {

    public static Origin operator(String holder) {
        return new Origin(null, null, null, holder);
    }

    /** A short human label, e.g. {@code run-1/build#2}. */
    public String label() {
        return runId == null ? holder : runId + "/" + taskId + (attempt == null ? "" : "#" + attempt);
    }
}

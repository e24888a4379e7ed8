package dev.genesis.common.state;

/** The life of a run: RUNNING until every task is terminal, then the outcome. */
public enum RunState {
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this != RUNNING;
    }

    public boolean canMoveTo(RunState next) {
        // A finished run may be retried (back to RUNNING); nothing else leaves a terminal state.
        return this == RUNNING ? next != RUNNING : next == RUNNING && this != SUCCEEDED;
    }
}

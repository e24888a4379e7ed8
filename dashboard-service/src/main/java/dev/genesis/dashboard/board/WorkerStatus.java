package dev.genesis.dashboard.board;

/** How a worker looks from its heartbeats. */
public enum WorkerStatus {
    ALIVE,
    DRAINING,
    /** Heartbeats stopped recently; not declared dead yet. */
    LATE,
    DEAD,
    STOPPED;

    /** Whether its slots count as capacity. */
    public boolean hasCapacity() {
        return this == ALIVE || this == DRAINING || this == LATE;
    }
}

package dev.genesis.coordinator.health;

/** What the coordinator believes of a worker. */
public enum WorkerState {
    /** Heartbeating within the window. */
    ALIVE,
    /** Silent past the window; its attempts were handed back and its leases released. */
    DEAD,
    /** Announced a clean stop. */
    STOPPED
}

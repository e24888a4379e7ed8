package dev.genesis.coordinator.workspace;

import java.time.Instant;

/** A named capture of every file's version at one moment. */
public record Snapshot(long id, String name, Instant createdAt, int files) {
}

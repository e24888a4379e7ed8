package dev.genesis.common.events;

import java.time.Instant;
import java.util.UUID;

/** queue → anyone: a run was accepted and stored. */
public record RunSubmitted(UUID runId, String name, int taskCount, Instant at) implements GenesisEvent {

    @Override
    public String key() {
        return runId.toString();
    }
}

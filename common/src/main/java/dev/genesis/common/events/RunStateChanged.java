package dev.genesis.common.events;

import dev.genesis.common.state.RunState;
import java.time.Instant;
import java.util.UUID;

/** queue → anyone: a run entered a new state. */
public record RunStateChanged(UUID runId, String name, RunState state, Instant at) implements GenesisEvent {

    @Override
    public String key() {
        return runId.toString();
    }
}

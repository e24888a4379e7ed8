package dev.genesis.common.events;

import java.time.Instant;

/** worker → everyone: left cleanly after draining; no capacity is to be counted on it. */
public record WorkerStopped(String workerId, Instant at) implements GenesisEvent {

    @Override
    public String key() {
        return workerId;
    }
}

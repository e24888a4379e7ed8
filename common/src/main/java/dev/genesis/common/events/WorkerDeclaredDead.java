package dev.genesis.common.events;

import java.time.Instant;

/** coordinator → queue, dashboard: no heartbeat within the window; its attempts are lost. */
public record WorkerDeclaredDead(String workerId, Instant lastSeen, Instant at) implements GenesisEvent {

    @Override
    public String key() {
        return workerId;
    }
}

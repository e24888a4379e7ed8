package dev.genesis.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * agent ↔ agent on {@code genesis.bus}: a message on a channel, optionally scoped to a run.
 * A request names {@code replyTo}; its reply carries the same {@code correlationId}.
 */
public record BusMessage(String channel, UUID runId, String sender, String body, String replyTo,
        String correlationId, Instant at) implements GenesisEvent {

    @Override
    public String key() {
        return channel;
    }
}

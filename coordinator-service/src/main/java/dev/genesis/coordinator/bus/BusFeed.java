package dev.genesis.coordinator.bus;

import dev.genesis.common.events.BusMessage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/** Fans bus messages read from Kafka out to this instance's SSE subscribers. */
@ApplicationScoped
public class BusFeed {

    private final BroadcastProcessor<BusMessage> processor = BroadcastProcessor.create();

    void publish(BusMessage message) {
        processor.onNext(message);
    }

    /** Messages on one channel from now on. */
    public Multi<BusMessage> channel(String channel) {
        return processor.filter(m -> channel.equals(m.channel()));
    }
}

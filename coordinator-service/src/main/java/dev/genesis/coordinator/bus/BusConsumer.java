package dev.genesis.coordinator.bus;

import dev.genesis.common.events.BusMessage;
import dev.genesis.common.events.EventCodec;
import dev.genesis.common.kafka.Topics;
import dev.genesis.coordinator.metrics.CoordinatorMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads {@code genesis.bus} (own group per instance) into the {@link BusFeed}; unreadable records go to the DLQ. */
@ApplicationScoped
public class BusConsumer {

    private final EventCodec codec = new EventCodec(BusResource.SOURCE);
    private final BusFeed feed;
    private final CoordinatorMetrics metrics;

    public BusConsumer(BusFeed feed, CoordinatorMetrics metrics) {
        this.feed = feed;
        this.metrics = metrics;
    }

    @Incoming(Topics.BUS)
    public void onRecord(String value) {
        try {
            codec.decode(value).ifPresent(event -> {
                if (event instanceof BusMessage message) {
                    feed.publish(message);
                }
            });
        } catch (RuntimeException e) {
            // The channel's failure strategy sends the record to the DLQ.
            metrics.deadLettered(Topics.BUS);
            throw e;
        }
    }
}
